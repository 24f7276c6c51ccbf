package org.parley.log.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.Pause;
import org.parley.testing.SilentPeer;

/** Every acknowledged message reaches its recipient exactly once, in order, however the recipient's line behaves. */
class NothingLostIT extends DeployedParley {

    private static final int MESSAGES_TO_THE_VOID = 15;

    /**
     * The recipient's network dies without a word while messages stream to it: the server keeps writing into a dead
     * socket until the heartbeat (1 s, 3 s timeout in the suite) finds it. Nothing written there was confirmed, so
     * all of it comes to the recipient's next connection.
     */
    @Test
    void messagesWrittenToARecipientWhoseNetworkDiedSilentlyAllArriveWhenItComesBack() throws Exception {
        String ghost = newAccount("ghost");
        assertEquals(MESSAGES_TO_THE_VOID, messagesIntoTheVoid(newAccount("watcher"), ghost, ghost),
                "and nothing else was waiting");
    }

    /**
     * The watcher sends to {@code to} (the ghost, or a room the ghost is in) while the ghost's network is dead
     * without a word, until the heartbeat finds it; then the ghost connects again and must get every one of them,
     * once each, in the order sent, marked as having waited, and none of them again after catching up.
     *
     * @return how many messages and events the ghost's catching up brought
     */
    private int messagesIntoTheVoid(String watcher, String ghost, String to) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (ChatClient w = ChatClient.connect(base, watcher)) {
            SilentPeer dead = SilentPeer.connect(base, ghost, 64 * 1024);
            w.next(presence(ghost, "online"));
            // fewer than the suite's mailbox of 20: under load the heartbeat may drop the ghost before the last is
            // sent, and from then on what waits for it is capped (50 here once met "mailbox-full" on a loaded machine)
            for (int i = 0; i < MESSAGES_TO_THE_VOID; i++) {
                JsonObject ack = w.sendTo(to, "to the void " + i);
                assertEquals("ack", ack.getString("type"), ack.toString());
                acknowledged.add(ack.getString("id"));
            }
            w.next(presence(ghost, "offline"));
            dead.close();
        }
        try (ChatClient back = ChatClient.connect(base, ghost)) {
            List<String> arrived = new ArrayList<>();
            while (arrived.size() < acknowledged.size()) {
                JsonObject message = back.next(frame -> "message".equals(frame.getString("type"))
                        && frame.getString("body").startsWith("to the void "));
                assertTrue(message.getBoolean("offline"));
                arrived.add(message.getString("id"));
            }
            assertEquals(acknowledged, arrived, "all of them, once each, in the order sent");
            int count = back.next("caught-up").getInt("count");
            assertTrue(back.pending().stream().noneMatch(frame -> "message".equals(frame.getString("type"))),
                    "and none of them twice: " + back.pending());
            return count;
        }
    }

    /**
     * bob reconnects 100 times, each time saying where he was, while alice streams to him and eight others come and
     * go: what alice was told is stored reaches bob exactly once, in the order she sent it.
     */
    @Test
    void aRecipientReconnectingAHundredTimesMidStreamLosesNothingAndSeesNothingTwiceOrOutOfOrder() throws Exception {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        ChatClient.connect(base, bob).close();
        streamWhileReconnecting(alice, bob, bob, 100);
    }

    /**
     * The same in a room of 50: alice streams to the room while bob, one of its members, reconnects 20 times.
     * A room's messages are in bob's stream like direct ones, with the same numbers, confirmations and catch-up.
     */
    @Test
    void aRoomMemberReconnectingMidStreamLosesNothingOfTheRoomAndSeesNothingTwiceOrOutOfOrder() throws Exception {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        streamWhileReconnecting(alice, roomOfFifty(alice, bob), bob, 20);
    }

    /**
     * The silent death above, in a room of 50: what the room was sent while the member's network was dead, written
     * into that dead socket until the heartbeat found it, all comes to the member's next connection.
     */
    @Test
    void aRoomMemberWhoseNetworkDiedSilentlyGetsEveryRoomMessageWhenItComesBack() throws Exception {
        String watcher = newAccount("watcher");
        String ghost = newAccount("ghost");
        // the count holds the others' joining too, which came after the ghost's own
        assertTrue(messagesIntoTheVoid(watcher, ghost, roomOfFifty(watcher, ghost)) >= MESSAGES_TO_THE_VOID);
    }

    /** A public room {@code maker} makes, with {@code member} and 48 others in it, who join four at a time. */
    private String roomOfFifty(String maker, String member) throws Exception {
        String room;
        try (ChatClient a = ChatClient.connect(base, maker)) {
            room = a.room("create", "name", "Fifty " + maker, "public", "true").getString("conversation");
        }
        ExecutorService joiners = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (int m = 0; m < 49; m++) {
                String joiner = m == 0 ? member : newAccount("member");
                joins.add(CompletableFuture.runAsync(() -> {
                    try (ChatClient joining = ChatClient.connect(base, joiner)) {
                        assertEquals("ack", joining.room("join", "room", room).getString("type"));
                    }
                }, joiners));
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            joiners.shutdownNow();
        }
        return room;
    }

    /** alice streams to {@code to} while {@code bob}, who receives it, reconnects {@code rounds} times. */
    private void streamWhileReconnecting(String alice, String to, String bob, int rounds) throws Exception {
        AtomicBoolean streaming = new AtomicBoolean(true);
        List<String> acknowledged = new ArrayList<>();
        List<JsonObject> arrived = new ArrayList<>();
        // a thread each: the common pool has one worker on two cores, and the others would never come and go
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try (ChatClient a = ChatClient.connect(base, alice)) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int i = 0; streaming.get(); i++) {
                    a.send(Json.createObjectBuilder().add("type", "send").add("to", to).add("body", "m" + i)
                            .add("ref", "r" + i).build().toString());
                    // paced under the suite's allowance
                    Pause.of(Duration.ofMillis(20));
                }
            }, threads);
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int o = 0; o < 8; o++) {
                String other = newAccount("other");
                others.add(CompletableFuture.runAsync(() -> {
                    while (streaming.get()) {
                        try (ChatClient client = ChatClient.connect(base, other)) {
                            Pause.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(50, 300)));
                        }
                    }
                }, threads));
            }
            long had = 0;
            for (int round = 0; round < rounds; round++) {
                ChatClient b = ChatClient.connect(base, bob, round == 0 ? null : had);
                // not at once: a connection closed within moments of its upgrade provokes a Payara Micro fault
                // (README, "Known faults") that is not what this test is about; nobody reconnects that quickly
                Pause.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(50, 200)));
                b.close();
                // where bob says he was next time is the last message taken here: one the client's reader
                // hands over only after the close is reported is not counted, and so comes again
                List<JsonObject> taken = messagesFrom(b, alice);
                arrived.addAll(taken);
                for (JsonObject message : taken) {
                    had = Math.max(had, message.getJsonNumber("seq").longValue());
                }
            }
            streaming.set(false);
            stream.get(30, TimeUnit.SECONDS);
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            // every answer alice got: once she has them all, bob's last connection must bring the rest
            for (JsonObject answer = a.next(frame -> "ack".equals(frame.getString("type"))
                    || "error".equals(frame.getString("type"))); answer != null; answer = nextAnswer(a)) {
                if ("ack".equals(answer.getString("type"))) {
                    acknowledged.add(answer.getString("id"));
                }
            }
            try (ChatClient b = ChatClient.connect(base, bob, had)) {
                b.next("caught-up");
                arrived.addAll(messagesFrom(b, alice));
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> ids = arrived.stream().map(m -> m.getString("id")).toList();
        List<String> lost = acknowledged.stream().filter(id -> !ids.contains(id)).toList();
        assertEquals(List.of(), lost, lost.size() + " of " + acknowledged.size() + " acknowledged never arrived");
        assertEquals(ids.size(), ids.stream().distinct().count(), "nothing arrived twice");
        assertTrue(acknowledged.equals(ids), "all " + acknowledged.size() + " arrived, but not in the order sent");
    }

    /** The next ack or error, or null once none comes within two seconds: all of the stream's answers are in. */
    private static JsonObject nextAnswer(ChatClient client) {
        return client.nextWithin(frame -> "ack".equals(frame.getString("type"))
                || "error".equals(frame.getString("type")), Duration.ofSeconds(2));
    }

    /** Takes every message from {@code sender} that this connection has received so far. */
    private static List<JsonObject> messagesFrom(ChatClient client, String sender) {
        List<JsonObject> taken = new ArrayList<>();
        for (JsonObject frame : client.pending()) {
            if ("message".equals(frame.getString("type")) && sender.equals(frame.getString("from"))) {
                taken.add(client.next(f -> f == frame));
            }
        }
        return taken;
    }
}
