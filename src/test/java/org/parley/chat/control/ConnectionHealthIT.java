package org.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SilentPeer;

/**
 * Dead and stalled connections are found and removed without anyone else noticing. The suite runs the server with
 * a 1 s heartbeat, a 2 s pong timeout and a send queue of 64 frames (see the failsafe configuration).
 */
class ConnectionHealthIT extends DeployedParley {

    @Test
    void peerThatStopsAnsweringPingsIsClosedWith4000AndGoesOffline() throws Exception {
        String ghost = unique("ghost");
        try (ChatClient watcher = ChatClient.connect(base, unique("watcher"));
                SilentPeer silent = SilentPeer.connect(base, ghost, 64 * 1024)) {
            watcher.next(presence(ghost, "online"));
            watcher.next(presence(ghost, "offline"));
            assertEquals(4000, silent.readUntilClose());
            assertEquals("stored", watcher.sendTo(ghost, "are you there?").getString("status"),
                    "a dropped peer no longer counts as online");
        }
    }

    @Test
    void clientThatAnswersPingsStaysConnectedThroughManyHeartbeats() {
        String steady = unique("steady");
        try (ChatClient watcher = ChatClient.connect(base, unique("watcher"));
                ChatClient s = ChatClient.connect(base, steady)) {
            assertFalse(s.closesWithin(Duration.ofSeconds(6)), "six heartbeats with a two-second timeout");
            assertEquals("delivered", watcher.sendTo(steady, "still there").getString("status"));
            assertEquals("still there", s.next("message").getString("body"));
        }
    }

    @Test
    void readerThatFallsBehindIsClosedWith1013WhileOthersCarryOn() throws Exception {
        String slow = unique("slow");
        String witness = unique("witness");
        String chunk = "z".repeat(16 * 1024);
        try (ChatClient flooder = ChatClient.connect(base, unique("flooder"));
                ChatClient w = ChatClient.connect(base, witness);
                SilentPeer stalled = SilentPeer.connect(base, slow, 4 * 1024)) {
            flooder.next(presence(slow, "online"));
            for (int i = 0; i < 1000; i++) {
                flooder.send(slow + "|" + i + chunk);
            }
            flooder.next(presence(slow, "offline"));
            // the close frame queues behind everything the reader never took, so it may never get through
            int code = stalled.readUntilClose();
            assertTrue(code == 1013 || code == SilentPeer.NO_CLOSE_FRAME, "closed with " + code);
            assertEquals("delivered", flooder.sendTo(witness, "unaffected").getString("status"));
            assertEquals("unaffected", w.next("message").getString("body"));
        }
    }
}
