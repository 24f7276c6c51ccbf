package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which rounds of the heartbeat close the connections that did not answer, and which take it for the server's fault. */
class HeartbeatTest {

    @Test
    void aFewSilentPeersAreClosedWhateverTheirShare() {
        assertFalse(Heartbeat.spare(1, 1, 0), "one dead peer on a server of one");
        assertFalse(Heartbeat.spare(Heartbeat.MASS_SILENCE_FLOOR - 1, Heartbeat.MASS_SILENCE_FLOOR, 0));
    }

    @Test
    void aMinorityOfSilentPeersIsClosed() {
        assertFalse(Heartbeat.spare(500, 1_000, 0), "half is not most");
        assertFalse(Heartbeat.spare(300, 10_000, 0));
    }

    @Test
    void mostOfManySilentAtOnceIsTakenForTheServerBeingBehind() {
        assertTrue(Heartbeat.spare(501, 1_000, 0));
        assertTrue(Heartbeat.spare(4_811, 5_581, 0), "a join storm's round");
    }

    @Test
    void peersStillSilentAfterTheRoundsSparedAreClosed() {
        assertTrue(Heartbeat.spare(9_000, 10_000, Heartbeat.ROUNDS_SPARED - 1));
        assertFalse(Heartbeat.spare(9_000, 10_000, Heartbeat.ROUNDS_SPARED), "a network cut that lasts");
    }
}
