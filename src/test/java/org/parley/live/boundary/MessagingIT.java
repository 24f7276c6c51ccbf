package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;

class MessagingIT extends DeployedParley {

    @Test
    void directMessageReachesEveryTabOfTheRecipientAndIsAckedStored() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient b1 = ChatClient.connect(base, bob);
                ChatClient b2 = ChatClient.connect(base, bob)) {
            // live, not caught up: a message committed while a tab still catches up comes with the rest, marked
            // offline, which is not what this test is about
            b1.next("caught-up");
            b2.next("caught-up");
            Instant before = Instant.now().minusSeconds(5);
            JsonObject ack = a.sendTo(bob, "hello bob");
            assertEquals("ack", ack.getString("type"));
            assertEquals("stored", ack.getString("status"));
            for (ChatClient tab : new ChatClient[] {b1, b2}) {
                JsonObject message = tab.next("message");
                assertEquals(ack.getString("id"), message.getString("id"));
                assertEquals(alice, message.getString("from"));
                assertEquals(bob, message.getString("to"));
                assertEquals("hello bob", message.getString("body"));
                assertFalse(message.containsKey("offline"));
                assertTrue(Instant.parse(message.getString("sentAt")).isAfter(before));
            }
        }
    }

    @Test
    void aRecipientIsFoundInAnyCaseAndTheMessageIsAddressedAsTheAccountSpellsItself() {
        String alice = newAccount("alice");
        String bob = newAccount("Bob");
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient b = ChatClient.connect(base, bob)) {
            a.send(bob.toUpperCase(Locale.ROOT) + "|in capitals");
            JsonObject message = b.next("message");
            assertEquals("in capitals", message.getString("body"));
            assertEquals(bob, message.getString("to"));
            assertEquals("self-message", b.sendTo(bob.toLowerCase(Locale.ROOT), "me").getString("code"),
                    "oneself in other letters is still oneself");
        }
    }

    @Test
    void yourOtherTabsSeeTheDirectMessagesYouSend() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        try (ChatClient a1 = ChatClient.connect(base, alice); ChatClient a2 = ChatClient.connect(base, alice);
                ChatClient b = ChatClient.connect(base, bob)) {
            JsonObject ack = a1.sendTo(bob, "from my phone");
            JsonObject copy = a2.next("message");
            assertEquals(ack.getString("id"), copy.getString("id"));
            assertEquals(alice, copy.getString("from"));
            assertEquals(bob, copy.getString("to"));
        }
    }

    @Test
    void textFormSplitsAtTheFirstBarOnly() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient b = ChatClient.connect(base, bob)) {
            a.send(bob + "|a|b");
            JsonObject message = b.next("message");
            assertEquals("a|b", message.getString("body"));
            assertEquals(alice, message.getString("from"));
            assertEquals("stored", a.next("ack").getString("status"));
        }
    }

    @Test
    void textWithoutRecipientIsABroadcastThatReachesEveryoneAndTheSender() {
        String alice = newAccount("alice");
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient b = ChatClient.connect(base, newAccount("bob"));
                ChatClient c = ChatClient.connect(base, newAccount("carol"))) {
            a.send("|hello all");
            a.send("no bar at all");
            for (ChatClient client : new ChatClient[] {a, b, c}) {
                JsonObject first = client.next("message");
                assertEquals("hello all", first.getString("body"));
                assertEquals(alice, first.getString("from"));
                assertFalse(first.containsKey("to"), "a broadcast has no recipient");
                assertEquals("no bar at all", client.next("message").getString("body"));
            }
            assertEquals("stored", a.next("ack").getString("status"));
        }
    }

    @Test
    void jsonBroadcastIsAckedWithItsRef() {
        try (ChatClient a = ChatClient.connect(base, newAccount("alice"));
                ChatClient b = ChatClient.connect(base, newAccount("bob"))) {
            JsonObject ack = a.broadcast("{json} hello");
            assertEquals("stored", ack.getString("status"));
            assertEquals(ack.getString("id"), b.next("message").getString("id"));
        }
    }

    @Test
    void multiByteTextArrivesIntactAndUntruncated() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        // about 48 KB of UTF-8: far past the seed's 2048-byte buffer, within the 64 KiB frame limit
        String body = "你好，世界 👋🏽 emoji and 中文; ".repeat(1000);
        assertTrue(body.getBytes(StandardCharsets.UTF_8).length > 40_000);
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient b = ChatClient.connect(base, bob)) {
            a.sendTo(bob, body);
            assertEquals(body, b.next("message").getString("body"));
            a.send("|" + body);
            assertEquals(body, b.next("message").getString("body"));
        }
    }

    @Test
    void htmlInABodyTravelsAsLiteralText() {
        String bob = newAccount("bob");
        String script = "<script>alert(1)</script><img src=x onerror=alert(1)>";
        try (ChatClient a = ChatClient.connect(base, newAccount("alice")); ChatClient b = ChatClient.connect(base, bob)) {
            a.sendTo(bob, script);
            assertEquals(script, b.next("message").getString("body"));
        }
    }

    @Test
    void manyMessagesFromOneSenderArriveInOrder() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice")); ChatClient b = ChatClient.connect(base, bob)) {
            // fewer than the 50 one sender may send at once in the suite (PARLEY_RATE_BURST)
            for (int i = 0; i < 45; i++) {
                a.send(bob + "|" + i);
            }
            for (int i = 0; i < 45; i++) {
                assertEquals(Integer.toString(i), b.next("message").getString("body"));
            }
        }
    }
}
