package org.parley.web;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of {@code size} tokens that starts full and refills completely in {@code period}: how many of
 * something a client may ask for, evenly over time, with a burst up to {@code size}. Guarded by its owner.
 */
public final class TokenBucket {
    private final int size;
    private final long nanosPerToken;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(int size, Duration period, Instant now) {
        this.size = size;
        this.nanosPerToken = Math.max(1, period.toNanos() / size);
        this.tokens = size;
        this.refilledAt = now;
    }

    private void refill(Instant now) {
        long elapsed = Duration.between(refilledAt, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(size, tokens + (double) elapsed / nanosPerToken);
            refilledAt = now;
        }
    }

    /** How long until a token is there: zero if one is now. */
    public Duration waitFor(Instant now) {
        refill(now);
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
    }

    public void take() {
        tokens -= 1;
    }

    public boolean isFull(Instant now) {
        refill(now);
        return tokens >= size;
    }
}
