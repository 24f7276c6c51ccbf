package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFrameTest {

    private static JsonObject json(ServerFrame frame) {
        return Json.createReader(new StringReader(frame.encode())).readObject();
    }

    @Test
    void broadcastHasNoRecipientAndLiveMessageNoOfflineMark() {
        JsonObject message = json(new ServerFrame.Chat(7, "id1", "everyone", "alice", null, "hi <b>", Instant.parse(
                "2026-11-22T10:15:30.123Z"), false));
        assertEquals("message", message.getString("type"));
        assertEquals(7, message.getJsonNumber("seq").longValueExact());
        assertEquals("everyone", message.getString("conversation"));
        assertFalse(message.containsKey("to"));
        assertFalse(message.containsKey("offline"));
        assertEquals("hi <b>", message.getString("body"));
        assertEquals("2026-11-22T10:15:30.123Z", message.getString("sentAt"));
    }

    @Test
    void keptMessageIsMarkedOffline() {
        JsonObject message = json(new ServerFrame.Chat(8, "id1", "alice:bob", "alice", "bob", "x",
                Instant.EPOCH, true));
        assertEquals("bob", message.getString("to"));
        assertTrue(message.getBoolean("offline"));
    }

    @Test
    void ackAndErrorEchoTheRefOnlyWhenThereIsOne() {
        JsonObject ack = json(new ServerFrame.Ack(9, "m", "alice:bob", Instant.EPOCH, "c1"));
        assertEquals("stored", ack.getString("status"));
        assertEquals(9, ack.getJsonNumber("seq").longValueExact());
        assertEquals("c1", ack.getString("ref"));
        assertEquals("1970-01-01T00:00:00Z", ack.getString("sentAt"));
        JsonObject error = json(new ServerFrame.Error(ErrorCode.MAILBOX_FULL, "full", null));
        assertEquals("mailbox-full", error.getString("code"));
        assertFalse(error.containsKey("ref"));
    }

    @Test
    void receiptsSayWhoseMessagesUpToWhereAndHow() {
        JsonObject delivered = json(new ServerFrame.Receipt("ann:ben", ServerFrame.ReceiptStatus.DELIVERED, 41));
        assertEquals("receipt", delivered.getString("type"));
        assertEquals("delivered", delivered.getString("status"));
        assertEquals(41, delivered.getJsonNumber("upTo").longValueExact());
        assertEquals("read", json(new ServerFrame.Receipt("ann:ben", ServerFrame.ReceiptStatus.READ, 41))
                .getString("status"));
        JsonObject read = json(new ServerFrame.ReadUpTo("everyone", 12));
        assertEquals("read", read.getString("type"));
        assertEquals("everyone", read.getString("conversation"));
        JsonObject caughtUp = json(new ServerFrame.CaughtUp(99, 3));
        assertEquals("caught-up", caughtUp.getString("type"));
        assertEquals(3, caughtUp.getInt("count"));
    }

    @Test
    void welcomeListsOnlineUsers() {
        JsonObject welcome = json(new ServerFrame.Welcome("bob", List.of("alice", "bob"), 2, false, Instant.EPOCH,
                65536, false));
        assertEquals(List.of("alice", "bob"), welcome.getJsonArray("online").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals(2, welcome.getInt("count"));
        assertFalse(welcome.getBoolean("crowd"));
        assertEquals(65536, welcome.getInt("maxFrameBytes"));
    }

    @Test
    void presenceCarriesEveryChangeAndTheCount() {
        JsonObject presence = json(new ServerFrame.Presence(List.of("ann", "cy"), List.of("ben"), 7));
        assertEquals("presence", presence.getString("type"));
        assertEquals(List.of("ann", "cy"), presence.getJsonArray("online").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals(List.of("ben"), presence.getJsonArray("offline").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals(7, presence.getInt("count"));
    }
}
