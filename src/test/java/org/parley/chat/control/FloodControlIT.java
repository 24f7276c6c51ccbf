package org.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;

/** The suite lets one user send 50 messages at once and 100 a second after that (PARLEY_RATE_BURST, _LIMIT). */
class FloodControlIT extends DeployedParley {

    private static final int BURST = 50;

    private static boolean rateLimited(JsonObject frame) {
        return "error".equals(frame.getString("type")) && "rate-limited".equals(frame.getString("code"));
    }

    /**
     * The flooder gets 1008 "flooding", or, when the server's close frame was lost to the reset that its closed
     * socket answers the still-arriving flood with (TCP discards what the flooder had not read yet), an abnormal
     * close; then the proof that the server closed it is that the others see the flooder go offline.
     */
    private static void assertClosedForFlooding(ChatClient flooder, String flooderName, ChatClient watcher) {
        CloseReason reason = flooder.awaitClose();
        if (reason.getCloseCode().getCode() == CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode()) {
            watcher.next(presence(flooderName, "offline"));
            return;
        }
        assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
        assertTrue(reason.getReasonPhrase().contains("flooding"), reason.getReasonPhrase());
    }

    @Test
    void sendingOverTheAllowanceIsAnsweredWithRateLimitedAndTheConnectionStays() {
        String bob = unique("bob");
        try (ChatClient a = ChatClient.connect(base, unique("alice")); ChatClient b = ChatClient.connect(base, bob)) {
            // twice the burst at once, without waiting for answers (each waits for a commit): well past the allowance
            int sent = 2 * BURST;
            for (int i = 0; i < sent; i++) {
                a.send(Json.createObjectBuilder().add("type", "send").add("to", bob).add("body", "m" + i)
                        .add("ref", String.valueOf(i)).build().toString());
            }
            JsonObject answer = a.next(frame -> "error".equals(frame.getString("type")));
            assertTrue(rateLimited(answer), "refused within " + sent + " messages: " + answer);
            assertTrue(Integer.parseInt(answer.getString("ref")) >= BURST,
                    "the burst itself went through: refused at " + answer.getString("ref"));
            assertTrue(answer.getString("message").contains("slow down"), answer.toString());
            assertEquals("m0", b.next("message").getString("body"));
            // a second's refill is worth 100 messages; staying open through it is part of what is proved
            assertFalse(a.closesWithin(Duration.ofSeconds(1)), "the connection stays");
            assertEquals("stored", a.sendTo(bob, "after a pause").getString("status"));
        }
    }

    @Test
    void floodingFarBeyondTheAllowanceClosesWith1008AndOthersCarryOn() {
        String bob = unique("bob");
        String flooderName = unique("flooder");
        try (ChatClient flooder = ChatClient.connect(base, flooderName);
                ChatClient b = ChatClient.connect(base, bob); ChatClient c = ChatClient.connect(base, unique("carol"))) {
            // frames that reach nobody else (each is refused as a message to oneself), so that what the flood
            // costs the others is the server's time alone, not a queue of their own; the server closes the
            // flooder whenever it decides, and sending stops there
            int sent = 0;
            while (sent < 40 * BURST && flooder.sendWhileOpen(flooderName + "|flood " + sent)) {
                sent++;
            }
            assertClosedForFlooding(flooder, flooderName, b);
            JsonObject answer = c.sendTo(bob, "still here");
            assertEquals("stored", answer.getString("status", answer.toString()));
            assertTrue(b.isOpen());
        }
    }

    @Test
    void unreadableFramesCountAgainstTheAllowanceLikeAnyOther() {
        String bob = unique("bob");
        String deep = "{\"type\":\"send\",\"body\":\"x\",\"n\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        String flooderName = unique("flooder");
        try (ChatClient flooder = ChatClient.connect(base, flooderName);
                ChatClient b = ChatClient.connect(base, bob); ChatClient c = ChatClient.connect(base, unique("carol"))) {
            int sent = 0;
            while (sent < 40 * BURST && flooder.sendWhileOpen(deep)) {
                sent++;
            }
            assertClosedForFlooding(flooder, flooderName, b);
            assertTrue(flooder.pending().stream().anyMatch(frame -> "invalid-frame".equals(frame.getString("code",
                    ""))), "the first ones were answered as unreadable");
            JsonObject answer = c.sendTo(bob, "still here");
            assertEquals("stored", answer.getString("status", answer.toString()));
        }
    }
}
