package org.parley.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.RestartableParley;
import org.parley.testing.SignIn;

/** What was stored is on disk: a message kept before the server stops is delivered after it starts again. */
class RestartIT extends RestartableParley {

    @Test
    void offlineMessageStoredBeforeARestartIsDeliveredAfterIt() throws Exception {
        String alice = "alice" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob" + UUID.randomUUID().toString().substring(0, 8);
        String body = "kept across a restart 重启 🔁";

        URL first = start(Map.of());
        SignIn.signUp(first, bob);
        JsonObject ack;
        try (ChatClient a = ChatClient.connect(first, alice)) {
            ack = a.sendTo(bob, body);
        } finally {
            stop();
        }
        assertEquals("stored", ack.getString("status"));

        URL second = start(Map.of());
        try (ChatClient b = ChatClient.connect(second, bob)) {
            JsonObject message = b.next("message");
            assertEquals(ack.getString("id"), message.getString("id"));
            assertEquals(alice, message.getString("from"));
            assertEquals(body, message.getString("body"));
            assertTrue(message.getBoolean("offline"));
        } finally {
            stop();
        }
    }
}
