package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per name and per client address alike. The first few failures cost nothing; after
 * that each one doubles the wait before the next attempt is even checked, up to
 * {@link Setting#SIGN_IN_BACKOFF_LIMIT}. Nobody is locked out for good: once the wait has passed the right
 * password works, and a success clears the name's record. Records of quiet names and addresses are forgotten.
 */
@ApplicationScoped
public class SignInThrottle {

    @Inject
    AccountSettings settings;

    static final int FREE_FAILURES_PER_NAME = 5;
    // many people may share one address behind a NAT or proxy
    static final int FREE_FAILURES_PER_ADDRESS = 50;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int TIDY_ABOVE = 10_000;
    // a name is at most 32 code points, each at most two UTF-16 units
    private static final int MAX_NAME_CHARS = 64;

    private final Map<String, Failures> byKey = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    /** @return how long the caller must still wait before an attempt for this name from this address is checked */
    public Duration waitBefore(String name, String address, Instant now) {
        Duration forName = waitFor(nameKey(name), FREE_FAILURES_PER_NAME, now);
        Duration forAddress = waitFor("address:" + address, FREE_FAILURES_PER_ADDRESS, now);
        return forName.compareTo(forAddress) >= 0 ? forName : forAddress;
    }

    public void failed(String name, String address, Instant now) {
        if (byKey.size() > TIDY_ABOVE) {
            byKey.values().removeIf(failures -> failures.last().plus(FORGET_AFTER).isBefore(now));
        }
        for (String key : new String[] {nameKey(name), "address:" + address}) {
            byKey.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    public void succeeded(String name) {
        byKey.remove(nameKey(name));
    }

    /**
     * One record per account, however its name is typed: sign-in finds {@code é} whether sent as one code point or
     * as {@code e} and a combining accent, and in any case, so the throttle must count them as one. Nothing longer
     * than a name can be is kept whole.
     */
    private static String nameKey(String name) {
        String folded = NamePolicy.folded(name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name);
        return "name:" + folded;
    }

    private Duration waitFor(String key, int free, Instant now) {
        Failures failures = byKey.get(key);
        if (failures == null || failures.count() < free) {
            return Duration.ZERO;
        }
        if (failures.last().plus(FORGET_AFTER).isBefore(now)) {
            byKey.remove(key, failures);
            return Duration.ZERO;
        }
        Duration limit = settings.signInBackoffLimit();
        int doublings = Math.min(failures.count() - free, 30);
        Duration backoff = Duration.ofMillis(250L << doublings);
        Duration wait = backoff.compareTo(limit) > 0 ? limit : backoff;
        Duration left = Duration.between(now, failures.last().plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
