package org.parley.room.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.web.TokenBucket;

/**
 * How many invitations a person may send ({@link RoomSettings#invitesPerMinute}) and rooms they may make
 * ({@link RoomSettings#createsPerHour}), each a bucket per person that starts full and refills evenly. Counted on
 * the server the person asks, before anything is stored: an invitation spammer is stopped where they connect.
 */
@ApplicationScoped
public class RoomQuota {

    private static final int TIDY_ABOVE = 10_000;

    /** What a quota counts. */
    public enum Kind {
        INVITE, CREATE
    }

    @Inject
    RoomSettings settings;

    private final Map<String, TokenBucket> invites = new HashMap<>();
    private final Map<String, TokenBucket> creates = new HashMap<>();
    private int invitesPerMinute;
    private int createsPerHour;

    @PostConstruct
    void readSettings() {
        invitesPerMinute = settings.invitesPerMinute();
        createsPerHour = settings.createsPerHour();
    }

    /** @return empty when {@code person} may do one more now (and it is counted), else why not, in words */
    public synchronized Optional<String> take(String person, Kind kind, Instant now) {
        Map<String, TokenBucket> buckets = kind == Kind.INVITE ? invites : creates;
        if (buckets.size() > TIDY_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(person, p -> kind == Kind.INVITE
                ? new TokenBucket(invitesPerMinute, Duration.ofMinutes(1), now)
                : new TokenBucket(createsPerHour, Duration.ofHours(1), now));
        Duration wait = bucket.waitFor(now);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            return Optional.of(kind == Kind.INVITE
                    ? "you may send " + invitesPerMinute + " invitations a minute; the next in " + seconds + " s"
                    : "you may make " + createsPerHour + " rooms an hour; the next in " + seconds + " s");
        }
        bucket.take();
        return Optional.empty();
    }
}
