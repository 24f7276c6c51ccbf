package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static SignInThrottle throttle() {
        SignInThrottle throttle = new SignInThrottle();
        throttle.settings = AccountSettings.read();
        return throttle;
    }

    @Test
    void fewFailuresCostNothingThenWaitsDoubleUpToTheLimit() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME - 1; i++) {
            throttle.failed("bob", "10.0.0.1", T0);
        }
        assertEquals(Duration.ZERO, throttle.waitBefore("bob", "10.0.0.1", T0));
        throttle.failed("bob", "10.0.0.1", T0);
        assertEquals(Duration.ofMillis(250), throttle.waitBefore("bob", "10.0.0.2", T0), "per name, any address");
        throttle.failed("bob", "10.0.0.1", T0);
        assertEquals(Duration.ofMillis(500), throttle.waitBefore("bob", "10.0.0.1", T0));
        for (int i = 0; i < 100; i++) {
            throttle.failed("bob", "10.0.0.1", T0);
        }
        Duration wait = throttle.waitBefore("bob", "10.0.0.1", T0);
        assertEquals(Duration.ofSeconds(30), wait, "never more than the limit");
        assertEquals(Duration.ZERO, throttle.waitBefore("bob", "10.0.0.1", T0.plus(wait)), "not locked out for good");
        assertTrue(throttle.waitBefore("carol", "10.0.0.1", T0).compareTo(Duration.ZERO) > 0, "per address too");
    }

    @Test
    void successClearsTheNameButNotTheAddress() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("bob", "10.0.0.1", T0);
        }
        throttle.succeeded("bob");
        assertEquals(Duration.ZERO, throttle.waitBefore("bob", "10.0.0.9", T0));
        assertTrue(throttle.waitBefore("bob", "10.0.0.1", T0).compareTo(Duration.ZERO) > 0);
    }

    @Test
    void everySpellingOfANameSharesItsRecord() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            throttle.failed("\u00e9mile", "10.0.0." + i, T0);
        }
        for (String spelling : new String[] {"e\u0301mile", "\u00c9MILE", "E\u0301mile"}) {
            assertTrue(throttle.waitBefore(spelling, "10.0.0.99", T0).compareTo(Duration.ZERO) > 0, spelling);
        }
        throttle.succeeded("\u00c9mile");
        assertEquals(Duration.ZERO, throttle.waitBefore("e\u0301mile", "10.0.0.99", T0));
    }
}
