package org.parley.log.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

/** History, read marks, receipts and several devices of one person, over the API and the WebSocket. */
class ConversationsIT extends DeployedParley {

    private JsonObject get(String path, String user) {
        HttpResponse<String> answer = SignIn.getWith(base, path, SignIn.ticket(base, user));
        assertEquals(200, answer.statusCode(), answer.body());
        return SignIn.json(answer);
    }

    private static List<String> bodies(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getString("body"))
                .toList();
    }

    private static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    @Test
    void historyPagesBackNewestFirstForItsParticipantsOnly() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        String cy = newAccount("cy");
        SignIn.signUp(base, ben);
        SignIn.signUp(base, cy);
        List<JsonObject> acks = new ArrayList<>();
        try (ChatClient a = ChatClient.connect(base, ann)) {
            for (int i = 0; i < 5; i++) {
                acks.add(a.sendTo(ben, "m" + i));
            }
        }
        String id = acks.get(0).getString("conversation");
        JsonObject newest = get("conversations/" + id + "/messages?limit=2", ben);
        assertEquals(List.of("m4", "m3"), bodies(newest));
        assertTrue(newest.getBoolean("more"));
        JsonObject older = get("conversations/" + id + "/messages?limit=2&before=" + seq(acks.get(3)), ann);
        assertEquals(List.of("m2", "m1"), bodies(older));
        JsonObject oldest = get("conversations/" + id + "/messages?limit=2&before=" + seq(acks.get(1)), ann);
        assertEquals(List.of("m0"), bodies(oldest));
        assertFalse(oldest.getBoolean("more"));

        HttpResponse<String> stranger = SignIn.getWith(base, "conversations/" + id + "/messages", SignIn.ticket(base,
                cy));
        assertEquals(404, stranger.statusCode(), "a third person cannot read it");
        assertEquals("unknown-conversation", SignIn.json(stranger).getString("error"));
        assertEquals(401, SignIn.get(base, "conversations/" + id + "/messages").statusCode());
        assertEquals(400, SignIn.getWith(base, "conversations/" + id + "/messages?limit=0", SignIn.ticket(base, ann))
                .statusCode());
        assertEquals(400, SignIn.getWith(base, "conversations/" + id + "/messages?before=x", SignIn.ticket(base, ann))
                .statusCode());
    }

    @Test
    void theListShowsEveryoneFirstThenTheLatestWithUnreadCountsThatReadingOnOneDeviceClearsOnAll() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        String cy = newAccount("cy");
        SignIn.signUp(base, ben);
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient c = ChatClient.connect(base, cy)) {
            a.sendTo(ben, "first from ann");
            a.sendTo(ben, "second from ann");
            c.sendTo(ben, "from cy");
        }
        JsonObject list = get("conversations", ben);
        List<JsonObject> conversations = list.getJsonArray("conversations").getValuesAs(JsonObject.class);
        assertEquals("everyone", conversations.get(0).getString("id"));
        assertEquals(cy, conversations.get(1).getString("with"), "the latest first");
        assertEquals(ann, conversations.get(2).getString("with"));
        assertEquals(2, conversations.get(2).getInt("unread"));
        assertEquals("second from ann", conversations.get(2).getJsonObject("last").getString("body"));

        String withAnn = conversations.get(2).getString("id");
        long last = seq(conversations.get(2).getJsonObject("last"));
        try (ChatClient laptop = ChatClient.connect(base, ben); ChatClient phone = ChatClient.connect(base, ben)) {
            laptop.next("caught-up");
            phone.next("caught-up");
            phone.send(Json.createObjectBuilder().add("type", "read").add("conversation", withAnn).add("upTo", last)
                    .build().toString());
            JsonObject read = laptop.next("read");
            assertEquals(withAnn, read.getString("conversation"));
            assertEquals(last, seq2(read));
        }
        JsonObject after = get("conversations", ben).getJsonArray("conversations").getValuesAs(JsonObject.class)
                .stream().filter(c -> withAnn.equals(c.getString("id"))).findFirst().orElseThrow();
        assertEquals(0, after.getInt("unread"));
        assertEquals(last, after.getJsonNumber("readUpTo").longValue());
    }

    @Test
    void theSenderLearnsStoredThenDeliveredThenRead() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        SignIn.signUp(base, ben);
        try (ChatClient a = ChatClient.connect(base, ann)) {
            JsonObject ack = a.sendTo(ben, "are you there?");
            assertEquals("stored", ack.getString("status"));
            String conversation = ack.getString("conversation");
            try (ChatClient b = ChatClient.connect(base, ben)) {
                assertEquals(ack.getString("id"), b.next("message").getString("id"));
                JsonObject delivered = a.next("receipt");
                assertEquals("delivered", delivered.getString("status"));
                assertEquals(conversation, delivered.getString("conversation"));
                assertTrue(seq2(delivered) >= seq(ack));
                b.send(Json.createObjectBuilder().add("type", "read").add("conversation", conversation)
                        .add("upTo", seq(ack)).build().toString());
                JsonObject read = a.next("receipt");
                assertEquals("read", read.getString("status"));
                assertEquals(seq(ack), seq2(read));
            }
            JsonObject summary = get("conversations", ann).getJsonArray("conversations").getValuesAs(JsonObject.class)
                    .get(1);
            assertTrue(summary.getJsonNumber("partnerReceivedUpTo").longValue() >= seq(ack));
            assertEquals(seq(ack), summary.getJsonNumber("partnerReadUpTo").longValue());
        }
    }

    @Test
    void whatISendFromOneDeviceAppearsOnMyOthersLiveAndOnTheirNextConnection() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        SignIn.signUp(base, ben);
        try (ChatClient laptop = ChatClient.connect(base, ann); ChatClient phone = ChatClient.connect(base, ann)) {
            laptop.next("caught-up");
            phone.next("caught-up");
            JsonObject ack = laptop.sendTo(ben, "sent from the laptop");
            JsonObject onPhone = phone.next("message");
            assertEquals(ack.getString("id"), onPhone.getString("id"));
            assertEquals(ack.getString("conversation"), onPhone.getString("conversation"));
            assertEquals(ben, onPhone.getString("to"));
            long phoneHad = phone.lastSeq();
            phone.close();
            JsonObject later = laptop.sendTo(ben, "sent while the phone was off");
            try (ChatClient phoneAgain = ChatClient.connect(base, ann, phoneHad)) {
                JsonObject missed = phoneAgain.next("message");
                assertEquals(later.getString("id"), missed.getString("id"));
                assertTrue(missed.getBoolean("offline"));
                assertEquals(1, phoneAgain.next("caught-up").getInt("count"));
            }
        }
    }

    @Test
    void aReadMarkForAConversationSomeoneElseHasIsRefused() {
        String ann = newAccount("ann");
        try (ChatClient a = ChatClient.connect(base, ann)) {
            a.send("{\"type\":\"read\",\"conversation\":\"x-someone:y-else\",\"upTo\":1}");
            assertEquals("unknown-conversation", a.next("error").getString("code"));
            assertEquals("stored", a.broadcast("still here").getString("status"));
        }
    }

    private static long seq2(JsonObject frame) {
        return frame.getJsonNumber("upTo").longValue();
    }
}
