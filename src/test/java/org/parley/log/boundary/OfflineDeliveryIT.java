package org.parley.log.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;
import static org.parley.testing.Frames.withBody;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;

class OfflineDeliveryIT extends DeployedParley {

    /** The suite runs the server with PARLEY_MAILBOX_CAPACITY=20 (see the failsafe configuration). */
    private static final int CAPACITY = 20;

    @Test
    void messagesToAnOfflineUserAreStoredThenDeliveredInOrderOnConnect() {
        String alice = newAccount("alice");
        String carol = newAccount("carol");
        String bob = newAccount("bob");
        List<JsonObject> acks = new ArrayList<>();
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient c = ChatClient.connect(base, carol)) {
            acks.add(a.sendTo(bob, "first, from alice"));
            acks.add(c.sendTo(bob, "second, from carol"));
            acks.add(a.sendTo(bob, "third, from alice"));
        }
        acks.forEach(ack -> assertEquals("stored", ack.getString("status"), ack.toString()));

        try (ChatClient b = ChatClient.connect(base, bob)) {
            String[] senders = {alice, carol, alice};
            String[] bodies = {"first, from alice", "second, from carol", "third, from alice"};
            Instant previous = Instant.EPOCH;
            for (int i = 0; i < 3; i++) {
                JsonObject message = b.next("message");
                assertEquals(acks.get(i).getString("id"), message.getString("id"));
                assertEquals(senders[i], message.getString("from"));
                assertEquals(bob, message.getString("to"));
                assertEquals(bodies[i], message.getString("body"));
                assertTrue(message.getBoolean("offline"));
                Instant sentAt = Instant.parse(message.getString("sentAt"));
                assertTrue(!sentAt.isBefore(previous), "oldest first");
                previous = sentAt;
            }
        }
    }

    @Test
    void deliveredMessagesAreNotDeliveredAgain() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice"))) {
            assertEquals("stored", a.sendTo(bob, "only once").getString("status"));
        }
        try (ChatClient b = ChatClient.connect(base, bob)) {
            assertEquals("only once", b.next("message").getString("body"));
        }
        try (ChatClient b = ChatClient.connect(base, bob); ChatClient d = ChatClient.connect(base, newAccount("dave"))) {
            d.sendTo(bob, "marker");
            JsonObject next = b.next("message");
            assertEquals("marker", next.getString("body"), "the kept message came a second time");
        }
    }

    @Test
    void offlineMessageIsNotLostWhenTheRecipientConnectsWhileItIsSent() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice"))) {
            for (int round = 0; round < 20; round++) {
                String body = "race " + round;
                a.send(bob + "|" + body);
                try (ChatClient b = ChatClient.connect(base, bob)) {
                    b.next(withBody(body));
                }
                // the next round races a connect, not this connection's close
                a.next(presence(bob, "offline"));
            }
        }
    }

    @Test
    void fullMailboxRefusesWithMailboxFullAndKeepsWhatItHad() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice"))) {
            for (int i = 0; i < CAPACITY; i++) {
                assertEquals("stored", a.sendTo(bob, "kept " + i).getString("status"));
            }
            JsonObject refused = a.sendTo(bob, "one too many");
            assertEquals("error", refused.getString("type"));
            assertEquals("mailbox-full", refused.getString("code"));
        }
        try (ChatClient b = ChatClient.connect(base, bob); ChatClient d = ChatClient.connect(base, newAccount("dave"))) {
            for (int i = 0; i < CAPACITY; i++) {
                assertEquals("kept " + i, b.next("message").getString("body"));
            }
            d.sendTo(bob, "marker");
            assertEquals("marker", b.next("message").getString("body"), "the refused message was not stored");
        }
    }
}
