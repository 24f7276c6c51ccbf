package org.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.UUID;

/** What proves a dropped-in WAR works: two users, one direct message, one message kept while offline. */
public final class DropInRoundTrip {

    private DropInRoundTrip() {
    }

    public static void run(URL base) {
        String ann = "ann" + UUID.randomUUID().toString().substring(0, 8);
        String ben = "ben" + UUID.randomUUID().toString().substring(0, 8);
        SignIn.signUp(base, ben);
        try (ChatClient a = ChatClient.connect(base, ann)) {
            try (ChatClient b = ChatClient.connect(base, ben)) {
                assertEquals("delivered", a.sendTo(ben, "hello ben").getString("status"));
                assertEquals("hello ben", b.next("message").getString("body"));
            }
            // closing is asynchronous: until the server has seen it, ben is still online
            a.next(Frames.presence(ben, "offline"));
            assertEquals("stored", a.sendTo(ben, "while you were away").getString("status"));
        }
        try (ChatClient b = ChatClient.connect(base, ben)) {
            JsonObject kept = b.next("message");
            assertEquals("while you were away", kept.getString("body"));
            assertEquals(ann, kept.getString("from"));
            assertTrue(kept.getBoolean("offline"));
        }
    }
}
