package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.Scrape;
import org.parley.testing.SignIn;
import org.parley.testing.SilentPeer;

/**
 * Dead and stalled connections are found and removed without anyone else noticing. The suite runs the server with
 * a 1 s heartbeat, a 3 s pong timeout and a send queue of 64 frames (see the failsafe configuration).
 */
class ConnectionHealthIT extends DeployedParley {

    private static final int FLOOD = 400;
    private static final int PER_SENDER = 40;
    private static final int CROWD = 25;
    private static final int WAVES = 4;
    private static final String TOO_SLOW = "parley_connections_closed_total{code=\"1013\"}";

    @Test
    void peerThatStopsAnsweringPingsIsClosedWith4000AndGoesOffline() throws Exception {
        String ghost = newAccount("ghost");
        try (ChatClient watcher = ChatClient.connect(base, newAccount("watcher"));
                SilentPeer silent = SilentPeer.connect(base, ghost, 64 * 1024)) {
            watcher.next(presence(ghost, "online"));
            watcher.next(presence(ghost, "offline"));
            assertEquals(4000, silent.readUntilClose());
            assertEquals(List.of(), onlineNow(ghost), "a dropped peer no longer counts as online");
        }
    }

    @Test
    void peerThatKeepsTalkingIsNotDroppedEvenWhenItsPongsAreLate() throws Exception {
        String talker = newAccount("talker");
        try (ChatClient watcher = ChatClient.connect(base, newAccount("watcher"));
                SilentPeer busy = SilentPeer.connect(base, talker, 64 * 1024)) {
            watcher.next(presence(talker, "online"));
            // a frame every half second for seven seconds, as a person typing would
            CountDownLatch said = new CountDownLatch(14);
            ScheduledExecutorService typing = Executors.newSingleThreadScheduledExecutor();
            try {
                typing.scheduleAtFixedRate(() -> {
                    try {
                        busy.say("|still here " + said.getCount());
                        said.countDown();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, 0, 500, TimeUnit.MILLISECONDS);
                assertTrue(said.await(15, TimeUnit.SECONDS), "the server stopped taking its frames");
            } finally {
                typing.shutdownNow();
            }
            assertEquals(List.of(talker), onlineNow(talker),
                    "seven heartbeats with a three-second timeout, and every frame it sent showed it was there");
            assertTrue(watcher.pending().stream().noneMatch(presence(talker, "offline")));
        }
    }

    @Test
    void everyMessageSentToAConnectionThatVanishedReachesItsUserOnReturn() throws Exception {
        String gone = newAccount("gone");
        try (ChatClient watcher = ChatClient.connect(base, newAccount("watcher"))) {
            // the server may notice the reset at once or only at its next write: either way, what follows is
            // sent to someone whose connection vanished
            SilentPeer.connect(base, gone, 64 * 1024).vanish();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add("after the crash " + i);
                watcher.sendTo(gone, sent.get(i));
            }
            watcher.awaitPresence(gone, "offline");
            try (ChatClient back = ChatClient.connect(base, gone)) {
                List<String> received = new ArrayList<>();
                while (received.size() < sent.size()) {
                    received.add(back.next("message").getString("body"));
                }
                assertEquals(sent, received, "whether written into a dead socket or kept, nothing is lost");
            }
        }
    }

    @Test
    void clientThatAnswersPingsStaysConnectedThroughManyHeartbeats() {
        String steady = newAccount("steady");
        try (ChatClient watcher = ChatClient.connect(base, newAccount("watcher"));
                ChatClient s = ChatClient.connect(base, steady)) {
            assertFalse(s.closesWithin(Duration.ofSeconds(6)), "six heartbeats with a three-second timeout");
            assertEquals("stored", watcher.sendTo(steady, "still there").getString("status"));
            assertEquals("still there", s.next("message").getString("body"));
        }
    }

    /**
     * The reader stops reading but goes on sending a frame every half second, as a page whose tab is busy would: that
     * answers the heartbeat (any frame does), so what closes it is the send queue's limit and nothing else, as the
     * server's count of closes by code shows. Its close frame waits behind everything it did not read: where it
     * arrives once the reader reads again, it is 1013 with the reason; a server may close the socket without it
     * (docs/PROTOCOL.md, 1013).
     */
    @Test
    void readerThatFallsBehindIsClosedWith1013WhileOthersCarryOn() throws Exception {
        String slow = newAccount("slow");
        String witness = newAccount("witness");
        ScheduledExecutorService talking = Executors.newSingleThreadScheduledExecutor();
        try (ChatClient flooder = ChatClient.connect(base, newAccount("flooder"));
                ChatClient w = ChatClient.connect(base, witness);
                SilentPeer stalled = SilentPeer.connect(base, slow, 4 * 1024)) {
            flooder.next(presence(slow, "online"));
            talking.scheduleWithFixedDelay(() -> {
                try {
                    stalled.say("{\"type\":\"watch\",\"users\":[]}");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            double tooSlowBefore = Scrape.of(base).value(TOO_SLOW);
            flood(flooder, slow);
            flooder.next(presence(slow, "offline"));
            talking.shutdownNow();
            assertEquals(tooSlowBefore + 1, Scrape.of(base).value(TOO_SLOW), "the server closed it as too slow");
            SilentPeer.Close close = stalled.readUntilCloseFrame();
            // the frame, when it gets past what the reader left unread; Payara Micro closes the socket without it
            if (close.code() != SilentPeer.NO_CLOSE_FRAME) {
                assertEquals(1013, close.code(), close.toString());
                assertEquals("too slow: more than 16384 bytes waiting", close.reason());
            }
            assertEquals("stored", flooder.sendTo(witness, "unaffected").getString("status"));
            assertEquals("unaffected", w.next("message").getString("body"));
        } finally {
            talking.shutdownNow();
        }
    }

    @Test
    void messagesQueuedForAReaderThatFellBehindAreKeptForItsReturn() throws Exception {
        String slow = newAccount("slow");
        try (ChatClient flooder = ChatClient.connect(base, newAccount("flooder"));
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
                List<Integer> acknowledged = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    if ("stored".equals(answers.get(i))) {
                        acknowledged.add(i);
                    }
                }
                assertEquals(acknowledged, kept, "every message acknowledged, queued for the reader that was dropped"
                        + " or sent after, arrives once, in the order sent");
            }
        }
    }

    /**
     * A crowd joins and vanishes without closing, in waves, while the watcher broadcasts to everyone: writes to
     * connections that are gone fail on threads that hold other users' lines. Everyone who vanished is shown
     * offline, nobody is left online, and the server still routes messages.
     */
    @Test
    void crowdThatVanishesWhileBroadcastsGoOutLeavesNoOneOnlineAndTheServerRouting() throws Exception {
        String watcherName = newAccount("watcher");
        List<String> vanished = new ArrayList<>();
        ExecutorService crowd = Executors.newFixedThreadPool(CROWD);
        try (ChatClient watcher = ChatClient.connect(base, watcherName)) {
            for (int wave = 0; wave < WAVES; wave++) {
                List<Future<String>> joined = new ArrayList<>();
                for (int i = 0; i < CROWD; i++) {
                    String name = newAccount("vanishing");
                    joined.add(crowd.submit(() -> {
                        SilentPeer.connect(base, name, 4 * 1024).vanish();
                        return name;
                    }));
                }
                for (int i = 0; i < 5; i++) {
                    watcher.broadcast("wave " + wave + " message " + i);
                }
                for (Future<String> name : joined) {
                    vanished.add(name.get(30, TimeUnit.SECONDS));
                }
            }
            for (String name : vanished) {
                watcher.awaitPresence(name, "offline");
            }
            String lateName = newAccount("late");
            try (ChatClient late = ChatClient.open(base, "ticket=" + URLEncoder.encode(SignIn.ticket(base, lateName),
                    StandardCharsets.UTF_8))) {
                List<String> online = late.next("welcome").getJsonArray("online").getValuesAs(JsonString.class)
                        .stream().map(JsonString::getString).toList();
                assertTrue(vanished.stream().noneMatch(online::contains), "still online: " + online);
                assertEquals("stored", watcher.sendTo(lateName, "still routing").getString("status"));
                assertEquals("still routing", late.next("message").getString("body"));
            }
        } finally {
            crowd.shutdownNow();
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
                    crowd.add(ChatClient.connect(base, newAccount("crowd")));
                }
                crowd.get(crowd.size() - 1).send(Json.createObjectBuilder().add("type", "send").add("to", slow)
                        .add("body", i + chunk).add("ref", String.valueOf(i)).build().toString());
                if (i % PER_SENDER == PER_SENDER - 1) {
                    answers.addAll(answersOf(crowd.get(crowd.size() - 1), PER_SENDER));
                }
            }
        } finally {
            crowd.subList(1, crowd.size()).forEach(ChatClient::close);
        }
        return answers;
    }

    /** The answers in the order the messages were sent: an error (mailbox-full) can overtake an earlier ack. */
    private static List<String> answersOf(ChatClient sender, int count) {
        Map<Integer, String> answers = new TreeMap<>();
        while (answers.size() < count) {
            JsonObject answer = sender.next(frame -> "ack".equals(frame.getString("type"))
                    || "error".equals(frame.getString("type")));
            answers.put(Integer.parseInt(answer.getString("ref")), answer.getString("status",
                    answer.getString("code", "")));
        }
        return new ArrayList<>(answers.values());
    }
}
