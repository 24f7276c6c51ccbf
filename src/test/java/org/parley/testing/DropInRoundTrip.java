package org.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.UUID;

/** What proves a dropped-in WAR works: two users, one direct message, one message kept while offline. */
public final class DropInRoundTrip {

    /** Who wrote to whom while the recipient was away, and what. */
    public record Kept(String from, String to, String body) {
    }

    // beyond the Basic Multilingual Plane too: stored and read back whole, whatever the database
    private static final String KEPT = "while you were away 重启 🔁";

    private DropInRoundTrip() {
    }

    public static void run(URL base) {
        collect(base, leaveWhileAway(base));
    }

    /** The first half: ann and ben chat, ben leaves, ann writes to him; the server says it kept the message. */
    public static Kept leaveWhileAway(URL base) {
        String ann = "ann" + UUID.randomUUID().toString().substring(0, 8);
        String ben = "ben" + UUID.randomUUID().toString().substring(0, 8);
        SignIn.signUp(base, ben);
        try (ChatClient a = ChatClient.connect(base, ann)) {
            try (ChatClient b = ChatClient.connect(base, ben)) {
                assertEquals("stored", a.sendTo(ben, "hello ben").getString("status"));
                assertEquals("hello ben", b.next("message").getString("body"));
            }
            // closing is asynchronous: until the server has seen it, ben is still online
            a.next(Frames.presence(ben, "offline"));
            assertEquals("stored", a.sendTo(ben, KEPT).getString("status"));
        }
        return new Kept(ann, ben, KEPT);
    }

    /** The second half, perhaps after a restart: ben signs in again and finds ann's message waiting. */
    public static void collect(URL base, Kept kept) {
        try (ChatClient b = ChatClient.connect(base, kept.to())) {
            JsonObject message = b.next("message");
            assertEquals(kept.body(), message.getString("body"));
            assertEquals(kept.from(), message.getString("from"));
            assertTrue(message.getBoolean("offline"));
        }
    }
}
