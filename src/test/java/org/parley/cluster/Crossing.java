package org.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.parley.testing.ChatClient;
import org.parley.testing.Frames;

/** What the cluster's tests do alike: new names, and messages sent one at a time from a server to another, timed. */
final class Crossing {

    private Crossing() {
    }

    static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    /**
     * Sends 20 messages one after the other, each once the last arrived, and checks each arrives with the number it
     * was acknowledged with.
     *
     * @return each one's milliseconds from sent to received
     */
    static List<Long> oneAtATime(ChatClient sender, ChatClient recipient, String to, String prefix) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long sent = System.nanoTime();
            JsonObject ack = sender.sendTo(to, prefix + i);
            assertEquals("ack", ack.getString("type"));
            JsonObject got = recipient.next(Frames.withBody(prefix + i));
            millis.add((System.nanoTime() - sent) / 1_000_000);
            assertEquals(ack.getJsonNumber("seq").longValue(), got.getJsonNumber("seq").longValue());
        }
        return millis;
    }

    static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "first " + millis.get(0) + " ms, median " + sorted.get(sorted.size() / 2) + " ms, slowest "
                + sorted.get(sorted.size() - 1) + " ms";
    }
}
