package org.parley.log.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.ParleyServer;
import org.parley.testing.Pause;
import org.parley.testing.Scrape;
import org.parley.testing.SignIn;

/**
 * The server stops twice while messages stream to one person: once as an operator stops it (SIGTERM) while one person
 * sends, once killed with SIGKILL while several do, half of them to him directly and half to a room he is in. Every
 * message acknowledged before either reaches its recipient, exactly once and in order, and the first message after
 * the kill is numbered after all of them; the gentle stop also tells both clients the server is going.
 */
class RestartUnderLoadIT {

    // acknowledged messages each stop comes after
    private static final int ACKS_BEFORE_STOP = 100;
    // people sending at once when the server is killed, each at the pace below
    private static final int SENDERS = 6;
    // Parley's own stop closes with 1012 "service restart"; WildFly's WebSocket container closes every session with
    // 1001 "going away" as it undeploys Parley on the way down, before any callback of the application's
    // (docs/PROTOCOL.md)
    private static final int GOING = "wildfly".equals(System.getProperty("parley.it.server")) ? 1001 : 1012;

    private final ParleyServer server = ParleyServer.forTest(RestartUnderLoadIT.class);

    // The operator's defaults, not the suite's small send queue (16 KB) and quick heartbeat (3 s): the recipient
    // takes about 400 frames a second here, so on a loaded machine a pause of a fraction of a second is enough to
    // close him as a slow consumer (once seen: he went offline mid-stream, and then his mailbox, the suite's 20,
    // refused the senders with mailbox-full). What this test proves is the restarts; slow consumers and dead peers
    // have tests of their own (ConnectionHealthIT).
    private static final Map<String, String> SETTINGS = Map.of(
            "parley.send.queue.bytes", "1048576", "parley.heartbeat.interval", "30s",
            "parley.heartbeat.timeout", "10s");

    @Test
    void everyMessageAcknowledgedArrivesOnceInOrderAfterAGracefulStopAndAfterAKill() throws Exception {
        String alice = "alice" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        List<JsonObject> bobGot = new ArrayList<>();

        URL first = server.start(SETTINGS);
        SignIn.signUp(first, alice);
        ChatClient b = ChatClient.connect(first, bob);
        ChatClient a = ChatClient.connect(first, alice);
        try {
            CompletableFuture<Void> stream = streamUntilClosed(a, bob, "g");
            awaitAcks(a, acknowledged, ACKS_BEFORE_STOP);
            server.stop();
            stream.get(30, TimeUnit.SECONDS);
            assertEquals(GOING, a.awaitClose().getCloseCode().getCode(), "the sender is told the server goes");
            assertEquals(GOING, b.awaitClose().getCloseCode().getCode(), "and so is the recipient");
            acksIn(a, acknowledged);
            bobGot.addAll(messages(b));
        } finally {
            a.close();
            b.close();
        }

        URL second = server.start(SETTINGS);
        // a server just started counts its connections from the first scrape, before anyone connects
        Scrape fresh = Scrape.of(second);
        assertEquals(0.0, fresh.value("parley_connections"));
        assertTrue(fresh.has("parley_users_online"));
        b = ChatClient.connect(second, bob, lastSeqOf(bobGot));
        // the kill comes while several people send at once: batches of several messages are being committed
        List<ChatClient> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(ChatClient.connect(second, alice + "-" + i));
        }
        try {
            String room = senders.get(0).room("create", "name", "Killed " + alice, "public", "true")
                    .getString("conversation");
            assertEquals("ack", b.room("join", "room", room).getString("type"));
            for (int i = 1; i < SENDERS / 2; i++) {
                assertEquals("ack", senders.get(i).room("join", "room", room).getString("type"));
            }
            int before = acknowledged.size();
            List<CompletableFuture<Void>> streams = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                streams.add(streamUntilClosed(senders.get(i), i < SENDERS / 2 ? room : bob, "k" + i + "-"));
            }
            try {
                awaitAcks(senders, acknowledged, before + ACKS_BEFORE_STOP * SENDERS);
            } catch (AssertionError e) {
                // whatever ends the recipient's connection ends the test: say what did
                throw new AssertionError("the recipient's connection: " + stateOf(b), e);
            }
            server.kill();
            CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            senders.forEach(sender -> acksIn(sender, acknowledged));
            bobGot.addAll(messages(b));
        } finally {
            senders.forEach(ChatClient::close);
            b.close();
        }

        URL third = server.start(SETTINGS);
        try (ChatClient back = ChatClient.connect(third, bob, lastSeqOf(bobGot));
                ChatClient after = ChatClient.connect(third, alice)) {
            back.next("caught-up");
            bobGot.addAll(messages(back));
            long highest = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            JsonObject ack = after.sendTo(bob, "after the kill");
            assertTrue(ack.getJsonNumber("seq").longValue() > highest,
                    "numbered after everything before the kill, never again a number it used: " + ack);
            back.next(frame -> "message".equals(frame.getString("type"))
                    && "after the kill".equals(frame.getString("body")));
            List<String> ids = bobGot.stream().map(m -> m.getString("id")).toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), "nothing arrived twice");
            for (int i = 1; i < bobGot.size(); i++) {
                assertTrue(bobGot.get(i - 1).getJsonNumber("seq").longValue() < bobGot.get(i).getJsonNumber("seq")
                        .longValue(), "in order");
            }
            List<String> lost = acknowledged.keySet().stream().filter(id -> !ids.contains(id)).toList();
            assertEquals(List.of(), lost, "of " + acknowledged.size() + " acknowledged, " + lost.size() + " lost");
        } finally {
            server.stop();
        }
    }

    /** The sender streams without waiting for answers, paced under the suite's allowance, until the server goes. */
    private static CompletableFuture<Void> streamUntilClosed(ChatClient sender, String to, String prefix) {
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; sender.sendWhileOpen(Json.createObjectBuilder().add("type", "send").add("to", to)
                    .add("body", prefix + i).add("ref", prefix + i).build().toString()); i++) {
                Pause.of(Duration.ofMillis(15));
            }
        });
    }

    private static void awaitAcks(ChatClient sender, Map<String, Long> acknowledged, int count) {
        awaitAcks(List.of(sender), acknowledged, count);
    }

    /** Takes the senders' acks in turn until {@code count} are in. */
    private static void awaitAcks(List<ChatClient> senders, Map<String, Long> acknowledged, int count) {
        while (acknowledged.size() < count) {
            for (ChatClient sender : senders) {
                JsonObject ack = sender.next("ack");
                acknowledged.put(ack.getString("id"), ack.getJsonNumber("seq").longValue());
            }
        }
    }

    /** Acks that were on their way when the server went count as well. */
    private static void acksIn(ChatClient sender, Map<String, Long> acknowledged) {
        sender.pending().stream().filter(frame -> "ack".equals(frame.getString("type")))
                .forEach(ack -> acknowledged.put(ack.getString("id"), ack.getJsonNumber("seq").longValue()));
    }

    private static String stateOf(ChatClient client) {
        if (!client.closesWithin(Duration.ZERO)) {
            return "open";
        }
        CloseReason reason = client.awaitClose();
        return "closed with " + reason.getCloseCode().getCode() + " '" + reason.getReasonPhrase() + "'";
    }

    private static List<JsonObject> messages(ChatClient client) {
        return client.pending().stream().filter(frame -> "message".equals(frame.getString("type"))).toList();
    }

    private static long lastSeqOf(List<JsonObject> messages) {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).getJsonNumber("seq").longValue();
    }
}
