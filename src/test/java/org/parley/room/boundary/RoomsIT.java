package org.parley.room.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

/** Rooms over the WebSocket and the API: who gets what, who may do what, and what each may read back. */
class RoomsIT extends DeployedParley {

    // long enough that a frame that was going to come would have: the same push reaches the members at once
    private static final Duration NOTHING_MORE = Duration.ofMillis(700);

    private HttpResponse<String> get(String path, String user) {
        return SignIn.getWith(base, path, SignIn.ticket(base, user));
    }

    private static List<String> bodies(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .filter(m -> "message".equals(m.getString("type"))).map(m -> m.getString("body")).toList();
    }

    private static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    private static String stored(JsonObject answer) {
        assertEquals("ack", answer.getString("type"), answer.toString());
        return answer.getString("conversation");
    }

    private static void refused(JsonObject answer, String code) {
        assertEquals("error", answer.getString("type"), answer.toString());
        assertEquals(code, answer.getString("code"), answer.toString());
    }

    private static JsonObject event(ChatClient client, String room, String event) {
        return client.next(f -> "room-event".equals(f.getString("type")) && room.equals(f.getString("conversation"))
                && event.equals(f.getString("event")));
    }

    private static JsonObject message(ChatClient client, String room, String body) {
        return client.next(f -> "message".equals(f.getString("type")) && room.equals(f.getString("conversation"))
                && body.equals(f.getString("body")));
    }

    @Test
    void aPublicRoomIsFoundJoinedAndSpokenInAndOnlyItsMembersHearIt() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        String cy = newAccount("cy");
        String name = "Lobby " + ann;
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient b = ChatClient.connect(base, ben);
                ChatClient c = ChatClient.connect(base, cy)) {
            String room = stored(a.room("create", "name", name, "topic", "say hello", "public", "true"));
            JsonObject found = SignIn.json(get("rooms/directory?search=" + ann, cy)).getJsonArray("rooms")
                    .getJsonObject(0);
            assertEquals(room, found.getString("id"));
            assertEquals("say hello", found.getString("topic"));
            refused(c.sendTo(room, "not in it"), "not-member");

            stored(b.room("join", "room", room));
            assertEquals(ben, event(a, room, "joined").getString("person"), "members hear who joins");
            JsonObject said = a.sendTo(room, "welcome, ben");
            assertEquals(room, stored(said));
            assertEquals(seq(said), seq(message(b, room, "welcome, ben")));
            b.send(room + "|thanks, in the text form");
            message(a, room, "thanks, in the text form");
            assertNull(c.nextWithin(f -> room.equals(f.getString("conversation", null)), NOTHING_MORE),
                    "nobody outside the room hears it");

            JsonObject history = SignIn.json(get("rooms/" + room.replace("#", "%23") + "/messages", ben));
            assertEquals(List.of("thanks, in the text form", "welcome, ben"), bodies(history));
            assertEquals(403, get("rooms/" + room.replace("#", "%23") + "/messages", cy).statusCode());
            JsonObject details = SignIn.json(get("rooms/" + room.replace("#", "%23"), cy));
            assertEquals(2, details.getInt("memberCount"));
            assertEquals(2, details.getJsonArray("members").size());
            assertEquals("owner", details.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                    .filter(m -> ann.equals(m.getString("name"))).findFirst().orElseThrow().getString("role"));
            JsonObject firstPage = SignIn.json(get("rooms/" + room.replace("#", "%23") + "?limit=1", cy));
            assertEquals(1, firstPage.getJsonArray("members").size(), "a big room's members come a page at a time");
            JsonObject secondPage = SignIn.json(get("rooms/" + room.replace("#", "%23") + "?limit=1&after="
                    + firstPage.getString("next"), cy));
            assertEquals(1, secondPage.getJsonArray("members").size());
            assertFalse(secondPage.containsKey("next"));
            assertEquals(List.of(ann, ben).stream().sorted().toList(), List.of(firstPage, secondPage).stream()
                    .map(p -> p.getJsonArray("members").getJsonObject(0).getString("name")).toList());
            refused(c.room("create", "name", name.toUpperCase(java.util.Locale.ROOT), "public", "true"),
                    "room-name-taken");
        }
    }

    @Test
    void aPrivateRoomIsInvisibleUntilOneIsInvitedAndTheInvitationWaitsForTheNextConnect() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        String cy = newAccount("cy");
        SignIn.signUp(base, ben);
        String room;
        long beforeBen;
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient c = ChatClient.connect(base, cy)) {
            room = stored(a.room("create", "name", "Plans"));
            beforeBen = seq(a.sendTo(room, "before ben"));
            refused(c.room("join", "room", room), "unknown-room");
            refused(c.sendTo(room, "hello?"), "unknown-room");
            assertEquals(404, get("rooms/" + room.replace("#", "%23"), cy).statusCode());
            assertEquals("unknown-room", SignIn.json(get("rooms/" + room.replace("#", "%23"), cy))
                    .getString("error"), "the same answer as for a room that does not exist");
            assertEquals(404, get("rooms/%23nosuchroom", cy).statusCode());
            stored(a.room("invite", "room", room, "person", ben));
        }
        try (ChatClient b = ChatClient.connect(base, ben, 0L)) {
            JsonObject invited = event(b, room, "invited");
            assertEquals(ben, invited.getString("person"));
            assertEquals(ann, invited.getString("from"));
            assertTrue(invited.getBoolean("offline"), "the invitation waited for his next connect");
            b.next("caught-up");
            JsonObject listed = SignIn.json(get("rooms", ben)).getJsonArray("rooms").getJsonObject(0);
            assertEquals("invited", listed.getString("standing"));
            assertFalse(listed.containsKey("last"), "an invitation shows nothing of what was said: " + listed);
            stored(b.room("join", "room", room));
            assertFalse(SignIn.json(get("rooms", ben)).getJsonArray("rooms").getJsonObject(0).containsKey("last"),
                    "nor does joining show the latest message, sent before he could read the room");
            try (ChatClient a = ChatClient.connect(base, ann)) {
                a.sendTo(room, "after ben");
                message(b, room, "after ben");
            }
            JsonObject last = SignIn.json(get("rooms", ben)).getJsonArray("rooms").getJsonObject(0)
                    .getJsonObject("last");
            assertEquals("after ben", last.getString("body"), "the list's preview is the room's latest message");
            assertEquals(ann, last.getString("from"));
            assertEquals(room, last.getString("conversation"));
            JsonObject history = SignIn.json(get("rooms/" + room.replace("#", "%23") + "/messages", ben));
            assertEquals(List.of("after ben"), bodies(history),
                    "a private room's history shows a newcomer what came since they joined");
            assertTrue(history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .allMatch(m -> seq(m) > beforeBen));
        }
    }

    @Test
    void aBannedMemberGetsNothingMoreOnAnyDeviceAndCannotSpeakOrRejoin() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient laptop = ChatClient.connect(base, ben);
                ChatClient phone = ChatClient.connect(base, ben)) {
            String room = stored(a.room("create", "name", "Open " + ann, "public", "true"));
            stored(laptop.room("join", "room", room));
            a.sendTo(room, "while ben is in");
            message(phone, room, "while ben is in");
            refused(laptop.room("ban", "room", room, "person", ann), "not-allowed");
            JsonObject ban = a.room("ban", "room", room, "person", ben);
            stored(ban);
            assertEquals(seq(ban), seq(event(phone, room, "banned")), "he hears of his ban, on every device");
            a.sendTo(room, "after the ban");
            refused(laptop.sendTo(room, "let me back"), "banned");
            refused(phone.room("join", "room", room), "banned");
            assertNull(laptop.nextWithin(f -> "after the ban".equals(f.getString("body", null)), NOTHING_MORE));
            assertNull(phone.nextWithin(f -> "after the ban".equals(f.getString("body", null)), NOTHING_MORE));

            try (ChatClient fresh = ChatClient.connect(base, ben, 0L)) {
                fresh.next("caught-up");
                List<JsonObject> caught = fresh.pending().stream()
                        .filter(f -> room.equals(f.getString("conversation", null))).toList();
                assertTrue(caught.stream().anyMatch(f -> "banned".equals(f.getString("event", null))));
                assertFalse(caught.stream().anyMatch(f -> "after the ban".equals(f.getString("body", null))),
                        "a new device catching up from the start reads up to the ban, not past it");
            }
            JsonObject history = SignIn.json(get("rooms/" + room.replace("#", "%23") + "/messages", ben));
            assertEquals(List.of("while ben is in"), bodies(history), "he keeps what he could read, nothing after");
        }
    }

    @Test
    void aRemovedAccountLeavesItsRoomsHandingThemOnAndItsNameTakenAgainStartsInNone() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        String room;
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient b = ChatClient.connect(base, ben)) {
            room = stored(a.room("create", "name", "Club " + ann, "public", "true"));
            stored(b.room("join", "room", room));
            a.sendTo(room, "from the first ann");
            HttpResponse<String> removal = SignIn.as(base, "POST", "accounts/me/removal", SignIn.ticket(base, ann),
                    jakarta.json.Json.createObjectBuilder().add("password", SignIn.password(ann)).build().toString());
            assertEquals(200, removal.statusCode(), removal.body());
            JsonObject left = event(b, room, "left");
            assertEquals(ann, left.getString("person"));
            assertTrue(left.getBoolean("removed"));
        }
        JsonObject details = SignIn.json(get("rooms/" + room.replace("#", "%23"), ben));
        assertEquals("owner", details.getString("role"), "the room goes on, owned by who was in it longest");
        assertEquals(1, details.getInt("memberCount"));

        SignIn.signUp(base, ann);
        assertEquals(0, SignIn.json(get("rooms", ann)).getJsonArray("rooms").size());
        assertEquals(403, get("rooms/" + room.replace("#", "%23") + "/messages", ann).statusCode(),
                "a new account of the name reads nothing of what the old one could");
        try (ChatClient again = ChatClient.connect(base, ann, 0L)) {
            again.next("caught-up");
            assertTrue(again.pending().stream().noneMatch(f -> room.equals(f.getString("conversation", null))));
        }
    }

    @Test
    void unreadCountsAreTheLogsRecountWhateverOrderThreeDevicesReadInAndReadingOnOneClearsAll() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient laptop = ChatClient.connect(base, ben);
                ChatClient phone = ChatClient.connect(base, ben); ChatClient tablet = ChatClient.connect(base, ben)) {
            String room = stored(a.room("create", "name", "Counting " + ann, "public", "true"));
            stored(laptop.room("join", "room", room));
            // one sign-in for all the asking: each costs a password hash
            String bens = SignIn.ticket(base, ben);
            List<Long> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sent.add(seq(a.sendTo(room, "m" + i)));
            }
            assertEquals(12, unread(bens, room));
            JsonObject own = laptop.sendTo(room, "ben's own, read as he sends it");
            stored(own);
            assertEquals(0, unread(bens, room), "one's own message reads the room up to it");
            for (int i = 12; i < 20; i++) {
                sent.add(seq(a.sendTo(room, "m" + i)));
            }
            java.util.Random random = new java.util.Random(7);
            List<ChatClient> devices = List.of(laptop, phone, tablet);
            long highest = 0;
            for (int read = 0; read < 12; read++) {
                ChatClient device = devices.get(random.nextInt(3));
                long upTo = sent.get(random.nextInt(sent.size()));
                device.send(jakarta.json.Json.createObjectBuilder().add("type", "read").add("conversation", room)
                        .add("upTo", upTo).build().toString());
                if (upTo > Math.max(highest, seq(own))) {
                    // every device of his hears of it, the one that read too
                    for (ChatClient other : devices) {
                        other.next(f -> "read".equals(f.getString("type")) && f.getJsonNumber("upTo")
                                .longValue() == upTo);
                    }
                }
                highest = Math.max(highest, upTo);
                // the log's recount: ann's messages after ben's mark, which his own message moved too
                long mark = Math.max(highest, seq(own));
                long expected = sent.stream().filter(seq -> seq > mark).count();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unread(bens, room)
                        == expected);
            }
        }
    }

    private long unread(String ticket, String room) {
        return SignIn.json(SignIn.getWith(base, "rooms", ticket)).getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> room.equals(r.getString("id"))).findFirst().orElseThrow().getJsonNumber("unread")
                .longValue();
    }
}
