package org.parley.log.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DirectoryTree;
import org.parley.testing.ParleyServer;
import org.parley.testing.SignIn;

/**
 * Parley started on a database that the message log's first version (commit 35d9a3b: BODY a CLOB, MESSAGE_ID unique,
 * an index on the time) made and filled on this very server: src/test/resources/upgrade-from-log/README.md says how.
 * The fixture's own record of what the server answered then (messages.json) is what the upgraded log must still say:
 * every message with its number, id, sender, time and body (40,000 characters, and 20,000 of two- and four-byte ones),
 * in order; the marks ben's devices left (delivered up to 8, read up to 4); and new messages numbered after it all.
 */
class UpgradeFromLogIT {

    // the fixture's messages were sent on 2026-12-05: kept long enough that the test still means this years on. And
    // the default queue of 1 MiB instead of the suite's 16 KiB: catching up offers the 40,000- and 60,000-byte
    // messages one after the other, and whether the first is written before the second comes is a race (Outbox)
    private static final Map<String, String> SETTINGS = Map.of("parley.retention", "36500d",
            "parley.history.retention", "36500d", "parley.send.queue.bytes", "1048576");

    private final ParleyServer server = ParleyServer.forTest(UpgradeFromLogIT.class);

    /** One message of the fixture, as its sender's ack and the frame that sent it recorded it. */
    private record Logged(long seq, String id, String conversation, String to, String body, Instant sentAt) {
    }

    @Test
    void theLogOfADatabaseMadeBeforeItWasNarrowedIsReadBackWholeAfterTheUpgrade() throws Exception {
        String fixture = "wildfly".equals(System.getProperty("parley.it.server")) ? "wildfly-made" : "payara-made";
        JsonObject record = record(fixture);
        List<Logged> log = logOf(record);
        assertRecordHoldsTheLongBodies(log);

        DirectoryTree.delete(server.databaseHome().resolve("parley"));
        try (InputStream zip = resource(fixture + ".zip")) {
            DirectoryTree.unzip(zip, server.databaseHome());
        }
        URL base = server.start(SETTINGS);
        try {
            // the marks first: every connection below confirms what it is sent, and moves them. Signed in anew at each
            // use: the suite's tickets live 6 s, and a connection with an expired one is closed with nothing sent
            for (String user : List.of("ann", "ben", "cy")) {
                assertConversationsAsRecorded(record.getJsonObject("conversationsAfterwards").getJsonObject(user),
                        SignIn.json(SignIn.getWith(base, "conversations", ticket(base, user))), user);
            }
            try (ChatClient benSaysNothing = ChatClient.open(base, query(ticket(base, "ben"), null))) {
                benSaysNothing.next("welcome");
                List<Logged> afterDelivered = log.stream()
                        .filter(m -> "ben".equals(m.to()) && m.seq() > 8).toList();
                assertEquals(List.of(9L, 10L, 13L), afterDelivered.stream().map(Logged::seq).toList(),
                        "the fixture: ben's devices confirmed up to 8");
                assertStream(benSaysNothing, afterDelivered, "ben, a device that says nothing");
            }

            try (ChatClient annSince0 = ChatClient.open(base, query(ticket(base, "ann"), 0L));
                    ChatClient benSince0 = ChatClient.open(base, query(ticket(base, "ben"), 0L));
                    ChatClient cySince0 = ChatClient.open(base, query(ticket(base, "cy"), 0L))) {
                assertStream(annSince0, log, "ann since 0");
                assertStream(benSince0, streamOf("ben", log), "ben since 0");
                assertStream(cySince0, streamOf("cy", log), "cy since 0");

                JsonArray history = SignIn.json(SignIn.getWith(base, "conversations/ann:ben/messages",
                        ticket(base, "ben"))).getJsonArray("messages");
                List<Logged> annBen = log.stream().filter(m -> "ann:ben".equals(m.conversation())).toList();
                assertEquals(annBen.size(), history.size(), "ann:ben's history");
                for (int i = 0; i < annBen.size(); i++) {
                    assertMessage(annBen.get(annBen.size() - 1 - i), history.getJsonObject(i), "history, newest first");
                }

                long highest = log.stream().mapToLong(Logged::seq).max().orElseThrow();
                JsonObject ack = annSince0.sendTo("ben", "after the upgrade");
                assertEquals("stored", ack.getString("status"), ack.toString());
                assertTrue(ack.getJsonNumber("seq").longValue() > highest,
                        "numbered after the fixture's " + highest + ": " + ack);
                JsonObject arrived = benSince0.next(frame -> "message".equals(frame.getString("type"))
                        && ack.getString("id").equals(frame.getString("id")));
                assertEquals(ack.getJsonNumber("seq").longValue(), arrived.getJsonNumber("seq").longValue());
                assertEquals("after the upgrade", arrived.getString("body"));
                assertFalse(arrived.getBoolean("offline", false), "live");
            }
        } finally {
            server.stop();
        }
    }

    private static void assertRecordHoldsTheLongBodies(List<Logged> log) {
        assertEquals(13, log.size(), "the fixture's messages");
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; ascii.length() < 40_000; i++) {
            ascii.append(String.format("%06d ", i));
        }
        // seq 7: beyond Derby's 32,672 for a VARCHAR in any unit; seq 8: within it in UTF-16 units, beyond it in bytes
        assertEquals(ascii.substring(0, 40_000), log.get(6).body());
        String multiByte = log.get(7).body();
        assertEquals("é\uD83D\uDE00".repeat(10_000), multiByte);
        assertEquals(20_000, multiByte.codePointCount(0, multiByte.length()));
        assertEquals(60_000, multiByte.getBytes(StandardCharsets.UTF_8).length);
        assertEquals("\u200B", log.get(8).body(), "seq 9: one zero-width space");
    }

    /** Catching up: exactly these messages, in order, each as it was stored, then caught-up counting them. */
    private static void assertStream(ChatClient client, List<Logged> expected, String who) {
        for (Logged each : expected) {
            JsonObject message = client.next(frame -> "message".equals(frame.getString("type"))
                    || "caught-up".equals(frame.getString("type")));
            assertEquals("message", message.getString("type"), who + " expected seq " + each.seq() + ": " + message);
            assertMessage(each, message, who);
            assertTrue(message.getBoolean("offline"), who + " seq " + each.seq() + " offline");
        }
        JsonObject caughtUp = client.next(frame -> "message".equals(frame.getString("type"))
                || "caught-up".equals(frame.getString("type")));
        assertEquals("caught-up", caughtUp.getString("type"), who + ": nothing more, " + caughtUp);
        assertEquals(expected.size(), caughtUp.getInt("count"), who);
    }

    private static void assertMessage(Logged expected, JsonObject message, String who) {
        String where = who + " seq " + expected.seq();
        assertEquals(expected.seq(), message.getJsonNumber("seq").longValue(), where);
        assertEquals(expected.id(), message.getString("id"), where);
        assertEquals(expected.conversation(), message.getString("conversation"), where);
        assertEquals("ann", message.getString("from"), where);
        assertEquals(expected.to(), message.getString("to", null), where);
        assertEquals(expected.sentAt(), Instant.parse(message.getString("sentAt")), where);
        String body = message.getString("body");
        assertEquals(expected.body().length(), body.length(), where + " body's length");
        // not assertEquals: a failure would print 40,000 characters twice
        int differs = 0;
        while (differs < body.length() && body.charAt(differs) == expected.body().charAt(differs)) {
            differs++;
        }
        assertEquals(body.length(), differs, where + " body differs from the fixture's at UTF-16 index " + differs);
    }

    /** What each conversation says of the marks, as the server said it when the fixture was made. */
    private static void assertConversationsAsRecorded(JsonObject then, JsonObject now, String user) {
        JsonArray before = then.getJsonArray("conversations");
        JsonArray after = now.getJsonArray("conversations");
        assertEquals(before.size(), after.size(), user + "'s conversations: " + after);
        for (int i = 0; i < before.size(); i++) {
            JsonObject was = before.getJsonObject(i);
            JsonObject is = after.getJsonObject(i);
            String where = user + "'s " + was.getString("id");
            for (String field : List.of("id", "with")) {
                assertEquals(was.getString(field, null), is.getString(field, null), where + " " + field);
            }
            for (String field : List.of("readUpTo", "unread", "partnerReceivedUpTo", "partnerReadUpTo")) {
                assertEquals(was.containsKey(field), is.containsKey(field), where + " has " + field);
                if (was.containsKey(field)) {
                    assertEquals(was.getJsonNumber(field).longValue(), is.getJsonNumber(field).longValue(),
                            where + " " + field);
                }
            }
            assertEquals(was.getJsonObject("last").getString("id"), is.getJsonObject("last").getString("id"),
                    where + " last");
        }
    }

    /** A person's stream: direct messages to and from them, and messages to everyone. */
    private static List<Logged> streamOf(String user, List<Logged> log) {
        Predicate<Logged> concerns = m -> m.to() == null || user.equals(m.to());
        return log.stream().filter(concerns).toList();
    }

    private static List<Logged> logOf(JsonObject record) {
        List<Logged> log = new ArrayList<>();
        for (JsonObject sent : record.getJsonArray("sent").getValuesAs(JsonObject.class)) {
            JsonObject frame = sent.getJsonObject("frame");
            JsonObject ack = sent.getJsonObject("answer");
            assertEquals("ack", ack.getString("type"), ack.toString());
            log.add(new Logged(ack.getJsonNumber("seq").longValue(), ack.getString("id"), ack.getString("conversation"),
                    frame.getString("to", null), frame.getString("body"), Instant.parse(ack.getString("sentAt"))));
        }
        return log;
    }

    private static JsonObject record(String fixture) throws IOException {
        try (InputStream in = resource(fixture + "/messages.json"); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }

    private static InputStream resource(String name) {
        return UpgradeFromLogIT.class.getResourceAsStream("/upgrade-from-log/" + name);
    }

    private static String query(String ticket, Long since) {
        return "ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8) + "&confirm=received"
                + (since == null ? "" : "&since=" + since);
    }

    // the fixture's passwords: README.md
    private static String ticket(URL base, String name) {
        var attempt = SignIn.attempt(base, SignIn.credentials(name, name + "-password-1"));
        assertEquals(200, attempt.statusCode(), name + " signs in with the fixture's password: " + attempt.body());
        JsonObject answer = SignIn.json(attempt);
        assertEquals(name, answer.getString("name"));
        return answer.getString("ticket");
    }
}
