package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.parley.live.control.SendAllowance.Verdict;

class SendAllowanceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenRefillAtTheRate() {
        SendAllowance allowance = new SendAllowance(20, 40, 0);
        for (int i = 0; i < 40; i++) {
            assertEquals(Verdict.SEND, allowance.take(0));
        }
        assertEquals(Verdict.REFUSE_AND_SAY, allowance.take(0), "a refusal after a quiet spell is answered");
        assertEquals(Verdict.REFUSE, allowance.take(0), "the next ones are not");
        assertEquals(Verdict.SEND, allowance.take(SECOND / 10), "two more after 1/10 s");
        assertEquals(Verdict.SEND, allowance.take(SECOND / 10));
        assertEquals(Verdict.REFUSE_AND_SAY, allowance.take(SECOND / 10), "answered again after a quiet spell");
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.SEND, allowance.take(2 * SECOND));
        }
    }

    @Test
    void refusedMoreThanTheBurstInOneRushIsAbuse() {
        SendAllowance allowance = new SendAllowance(20, 40, 0);
        for (int i = 0; i < 80; i++) {
            allowance.take(0);
        }
        assertEquals(Verdict.ABUSE, allowance.take(0));
    }

    @Test
    void goingOnAtThreeTimesTheRateIsAbuseButJustOverItIsNot() {
        SendAllowance flooder = new SendAllowance(20, 40, 0);
        Verdict last = Verdict.SEND;
        for (long t = 0; t < 10 * SECOND && last != Verdict.ABUSE; t += SECOND / 60) {
            last = flooder.take(t);
        }
        assertEquals(Verdict.ABUSE, last);

        SendAllowance eager = new SendAllowance(20, 40, 0);
        for (long t = 0; t < 60 * SECOND; t += SECOND / 22) {
            assertNotEquals(Verdict.ABUSE, eager.take(t));
        }
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        SendAllowance allowance = new SendAllowance(20, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.SEND, allowance.take(3600 * SECOND));
        }
        assertEquals(Verdict.REFUSE_AND_SAY, allowance.take(3600 * SECOND));
    }
}
