package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.withBody;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SilentPeer;

/**
 * The original design's client speaks only {@code to|content} and confirms nothing, yet was promised each message
 * once: its pongs confirm for it (docs/PROTOCOL.md, "Two kinds of client").
 */
class OriginalClientIT extends DeployedParley {

    private static Predicate<JsonObject> deliveredUpTo(long seq) {
        return frame -> "receipt".equals(frame.getString("type")) && "delivered".equals(frame.getString("status"))
                && frame.getJsonNumber("upTo").longValue() >= seq;
    }

    private static List<JsonObject> messages(ChatClient client) {
        return client.pending().stream().filter(frame -> "message".equals(frame.getString("type"))).toList();
    }

    @Test
    void aMessageKeptWhileAwayArrivesOnceAndNotAgainOnTheNextConnect() {
        String bob = newAccount("bob");
        try (ChatClient alice = ChatClient.connect(base, newAccount("alice"))) {
            long seq = alice.sendTo(bob, "kept for you").getJsonNumber("seq").longValue();
            try (ChatClient first = ChatClient.connectOriginal(base, bob)) {
                assertTrue(first.next(withBody("kept for you")).getBoolean("offline"));
                assertEquals(1, first.next("caught-up").getInt("count"));
                // the pong to the ping after it moved bob's mark, and alice hears so
                alice.next(deliveredUpTo(seq));
            }
            try (ChatClient second = ChatClient.connectOriginal(base, bob)) {
                assertEquals(0, second.next("caught-up").getInt("count"), "nothing comes twice");
                assertEquals(List.of(), messages(second));
            }
        }
    }

    @Test
    void messagesInTheTextFormArriveLiveOnceAndNotAgainOnTheNextConnect() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        try (ChatClient annOnline = ChatClient.connectOriginal(base, ann)) {
            annOnline.next("caught-up");
            try (ChatClient benOnline = ChatClient.connectOriginal(base, ben)) {
                benOnline.next("caught-up");
                annOnline.send(ben + "|one|with a bar");
                long first = annOnline.next("ack").getJsonNumber("seq").longValue();
                annOnline.send(ben + "|two");
                long second = annOnline.next(frame -> "ack".equals(frame.getString("type"))
                        && frame.getJsonNumber("seq").longValue() > first).getJsonNumber("seq").longValue();
                assertEquals("one|with a bar", benOnline.next("message").getString("body"));
                assertEquals("two", benOnline.next("message").getString("body"));
                annOnline.next(deliveredUpTo(second));
            }
            try (ChatClient benAgain = ChatClient.connectOriginal(base, ben)) {
                assertEquals(0, benAgain.next("caught-up").getInt("count"));
                assertEquals(List.of(), messages(benAgain));
            }
        }
    }

    /**
     * A message written to a socket whose peer then died without a word answered no ping, so nothing confirmed it: it
     * comes to the next connection, once.
     */
    @Test
    void aMessageWrittenToAClientThatDiedSilentlyComesAgainOnce() throws Exception {
        String cy = newAccount("cy");
        try (ChatClient dee = ChatClient.connect(base, newAccount("dee"))) {
            SilentPeer dying = SilentPeer.connect(base, cy, 64 * 1024);
            dying.awaitText("\"caught-up\"");
            long seq = dee.sendTo(cy, "into the dark").getJsonNumber("seq").longValue();
            dying.awaitText("into the dark");
            dying.vanish();
            try (ChatClient back = ChatClient.connectOriginal(base, cy)) {
                JsonObject again = back.next(withBody("into the dark"));
                assertEquals(seq, again.getJsonNumber("seq").longValue());
                assertTrue(again.getBoolean("offline"));
                assertEquals(1, back.next("caught-up").getInt("count"));
                dee.next(deliveredUpTo(seq));
            }
            try (ChatClient once = ChatClient.connectOriginal(base, cy)) {
                assertEquals(0, once.next("caught-up").getInt("count"));
                assertEquals(List.of(), messages(once));
            }
        }
    }
}
