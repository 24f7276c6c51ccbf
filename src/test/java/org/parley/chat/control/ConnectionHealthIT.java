package org.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SilentPeer;

/**
 * Dead and stalled connections are found and removed without anyone else noticing. The suite runs the server with
 * a 1 s heartbeat, a 3 s pong timeout and a send queue of 64 frames (see the failsafe configuration).
 */
class ConnectionHealthIT extends DeployedParley {

    private static final int FLOOD = 400;
    private static final int PER_SENDER = 40;

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
            assertFalse(s.closesWithin(Duration.ofSeconds(6)), "six heartbeats with a three-second timeout");
            assertEquals("delivered", watcher.sendTo(steady, "still there").getString("status"));
            assertEquals("still there", s.next("message").getString("body"));
        }
    }

    @Test
    void readerThatFallsBehindIsClosedWith1013WhileOthersCarryOn() throws Exception {
        String slow = unique("slow");
        String witness = unique("witness");
        try (ChatClient flooder = ChatClient.connect(base, unique("flooder"));
                ChatClient w = ChatClient.connect(base, witness);
                SilentPeer stalled = SilentPeer.connect(base, slow, 4 * 1024)) {
            flooder.next(presence(slow, "online"));
            flood(flooder, slow);
            flooder.next(presence(slow, "offline"));
            // the close frame queues behind everything the reader never took, so it may never get through
            int code = stalled.readUntilClose();
            assertTrue(code == 1013 || code == SilentPeer.NO_CLOSE_FRAME, "closed with " + code);
            assertEquals("delivered", flooder.sendTo(witness, "unaffected").getString("status"));
            assertEquals("unaffected", w.next("message").getString("body"));
        }
    }

    @Test
    void messagesQueuedForAReaderThatFellBehindAreKeptForItsReturn() throws Exception {
        String slow = unique("slow");
        try (ChatClient flooder = ChatClient.connect(base, unique("flooder"));
                SilentPeer stalled = SilentPeer.connect(base, slow, 4 * 1024)) {
            flooder.next(presence(slow, "online"));
            List<String> answers = flood(flooder, slow);
            flooder.next(presence(slow, "offline"));

            try (ChatClient back = ChatClient.connect(base, slow)) {
                flooder.sendTo(slow, "marker");
                List<Integer> kept = new ArrayList<>();
                for (JsonObject message = back.next("message"); !"marker".equals(message.getString("body"));
                        message = back.next("message")) {
                    assertTrue(message.getBoolean("offline"));
                    kept.add(Integer.parseInt(message.getString("body").substring(0, message.getString("body")
                            .indexOf('z'))));
                }
                assertTrue(kept.stream().anyMatch(i -> "delivered".equals(answers.get(i))),
                        "a message acknowledged as delivered but still queued when the reader was dropped is kept: "
                                + kept);
                for (int i = 1; i < kept.size(); i++) {
                    assertTrue(kept.get(i - 1) < kept.get(i), "kept in the order sent: " + kept);
                }
            }
        }
    }

    /**
     * Sends 400 messages of 48 KB and returns, in order, how each was answered: an ack status or error code. One
     * sender may send only 50 at once in the suite (PARLEY_RATE_BURST), so the flood comes from a crowd, one after
     * another, each waiting for its answers so that the order sent is the order received.
     */
    private List<String> flood(ChatClient flooder, String slow) {
        String chunk = "z".repeat(48 * 1024);
        List<String> answers = new ArrayList<>();
        List<ChatClient> crowd = new ArrayList<>(List.of(flooder));
        try {
            for (int i = 0; i < FLOOD; i++) {
                if (i > 0 && i % PER_SENDER == 0) {
                    crowd.add(ChatClient.connect(base, unique("crowd")));
                }
                crowd.get(crowd.size() - 1).send(slow + "|" + i + chunk);
                if (i % PER_SENDER == PER_SENDER - 1) {
                    answers.addAll(answersOf(crowd.get(crowd.size() - 1), PER_SENDER));
                }
            }
        } finally {
            crowd.subList(1, crowd.size()).forEach(ChatClient::close);
        }
        return answers;
    }

    private static List<String> answersOf(ChatClient sender, int count) {
        List<String> answers = new ArrayList<>();
        while (answers.size() < count) {
            JsonObject answer = sender.next(frame -> "ack".equals(frame.getString("type"))
                    || "error".equals(frame.getString("type")));
            answers.add(answer.getString("status", answer.getString("code", "")));
        }
        return answers;
    }
}
