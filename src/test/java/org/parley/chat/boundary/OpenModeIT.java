package org.parley.chat.boundary;

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

/** Open demo mode needs the operator's explicit setting, and then says so to every client. */
class OpenModeIT extends RestartableParley {

    @Test
    void withParleyOpenSetABareNameConnectsAndEveryoneIsToldItIsOpen() {
        URL base = start(Map.of("parley.open", "true"));
        try {
            assertTrue(SignIn.json(SignIn.get(base, "mode")).getBoolean("open"));
            String ann = "ann" + UUID.randomUUID().toString().substring(0, 8);
            String nobody = "nobody" + UUID.randomUUID().toString().substring(0, 8);
            try (ChatClient a = ChatClient.open(base, "user=" + ann)) {
                JsonObject welcome = a.next("welcome");
                assertEquals(ann, welcome.getString("user"));
                assertTrue(welcome.getBoolean("open"), "the page must be able to say anyone may be anyone");
                assertEquals("stored", a.sendTo(nobody, "names need no account here").getString("status"));
            }
            try (ChatClient invalid = ChatClient.open(base, "user=bob%20smith")) {
                assertEquals(1008, invalid.awaitClose().getCloseCode().getCode());
            }
        } finally {
            stop();
        }
    }
}
