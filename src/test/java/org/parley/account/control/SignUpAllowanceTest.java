package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignUpAllowanceTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static SignUpAllowance allowance(int perAddressAnHour, int perServerAMinute) {
        System.setProperty("parley.signup.per.address", String.valueOf(perAddressAnHour));
        System.setProperty("parley.signup.per.server", String.valueOf(perServerAMinute));
        try {
            SignUpAllowance allowance = new SignUpAllowance();
            allowance.settings = AccountSettings.read();
            allowance.readSettings();
            return allowance;
        } finally {
            System.clearProperty("parley.signup.per.address");
            System.clearProperty("parley.signup.per.server");
        }
    }

    @Test
    void oneAddressGetsItsHourlyAllowanceThenWaitsForTheNextOne() {
        SignUpAllowance allowance = allowance(3, 1000);
        for (int i = 0; i < 3; i++) {
            assertTrue(allowance.take("10.0.0.1", T0).isEmpty());
        }
        SignUpAllowance.Wait wait = allowance.take("10.0.0.1", T0).orElseThrow();
        assertFalse(wait.wholeServer());
        assertEquals(Duration.ofMinutes(20), wait.left(), "three an hour: one every 20 minutes");
        assertTrue(allowance.take("10.0.0.2", T0).isEmpty(), "another address is not held up");
        assertTrue(allowance.take("10.0.0.1", T0.plus(Duration.ofMinutes(20))).isEmpty());
        assertTrue(allowance.take("10.0.0.1", T0.plus(Duration.ofMinutes(20))).isPresent());
    }

    @Test
    void theServerAsAWholeTakesOnlyItsAllowanceAndAWaitCostsNoAddressAnything() {
        SignUpAllowance allowance = allowance(1000, 2);
        assertTrue(allowance.take("10.0.0.1", T0).isEmpty());
        assertTrue(allowance.take("10.0.0.2", T0).isEmpty());
        SignUpAllowance.Wait wait = allowance.take("10.0.0.3", T0).orElseThrow();
        assertTrue(wait.wholeServer());
        assertEquals(Duration.ofSeconds(30), wait.left());
        assertTrue(allowance.take("10.0.0.3", T0.plus(Duration.ofSeconds(30))).isEmpty());
    }
}
