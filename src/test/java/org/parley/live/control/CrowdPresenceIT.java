package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.ParleyServer;
import org.parley.testing.Person;
import org.parley.testing.SignIn;

/**
 * A server of its own, started once for two things that need its settings: open demo mode, which needs the
 * operator's explicit setting and then says so to every client (and the page to every person); and presence in a crowd, which begins here at three
 * people online. A connection made in a crowd is told the count and of its conversation partners only, learns of
 * anyone else by asking (watch, or the online list, page by page), and of a new partner as soon as they talk.
 */
class CrowdPresenceIT {

    private final ParleyServer server = ParleyServer.forTest(CrowdPresenceIT.class);

    private static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static ChatClient as(URL base, String user) {
        return ChatClient.open(base, "user=" + user);
    }

    private static List<String> names(JsonObject frame, String key) {
        return frame.getJsonArray(key).getValuesAs(JsonString::getString);
    }

    @Test
    void anOpenServerSaysSoAndInACrowdOneHearsOfPartnersAndOfWhoeverOneAsksAbout() {
        URL base = server.start(Map.of("parley.open", "true", "parley.presence.crowd", "3"));
        try {
            assertTrue(SignIn.json(SignIn.get(base, "mode")).getBoolean("open"));
            try (ChatClient invalid = ChatClient.open(base, "user=bob%20smith")) {
                assertEquals(1008, invalid.awaitClose().getCloseCode().getCode());
            }

            String ann = name("ann");
            String dee = name("dee");
            String eve = name("eve");
            String fay = name("fay");
            try (ChatClient a = as(base, ann); ChatClient b = as(base, name("ben")); ChatClient c = as(base, name("cy"))) {
                JsonObject small = a.next("welcome");
                assertEquals(ann, small.getString("user"));
                assertTrue(small.getBoolean("open"), "the page must be able to say anyone may be anyone");
                assertFalse(small.getBoolean("crowd"), "the first to come is not in a crowd");
                b.next("welcome");
                c.next("welcome");
                // names need no account here: dee has none yet
                assertEquals("stored", a.sendTo(dee, "a conversation before dee comes").getString("status"));

                try (ChatClient d = as(base, dee)) {
                    JsonObject welcome = d.next("welcome");
                    assertTrue(welcome.getBoolean("crowd"), "three online already: " + welcome);
                    assertEquals(4, welcome.getInt("count"));
                    assertEquals(List.of(ann), names(welcome, "online"), "partners only");
                    a.next(presence(dee, "online"));

                    // who is online, page by page: ann, ben, cy, dee in name order
                    JsonObject first = SignIn.json(SignIn.get(base, "online?user=" + dee + "&limit=2"));
                    assertEquals(4, first.getInt("count"));
                    assertEquals(2, names(first, "people").size());
                    assertEquals(ann, names(first, "people").get(0));
                    JsonObject second = SignIn.json(SignIn.get(base, "online?user=" + dee + "&limit=2&after="
                            + first.getString("next")));
                    assertEquals(dee, names(second, "people").get(1));
                    assertFalse(second.containsKey("next"), "the last page: " + second);
                    assertEquals(List.of(dee), names(SignIn.json(SignIn.get(base, "online?user=" + dee + "&prefix="
                            + dee.substring(0, 4))), "people"));
                    assertEquals(400, SignIn.get(base, "online?user=" + dee + "&limit=0").statusCode());
                    assertEquals(401, SignIn.get(base, "online").statusCode(), "for people in the chat only");

                    // a stranger comes, a partner goes: the next frame dee gets is about the partner only
                    try (ChatClient e = as(base, eve)) {
                        e.next("welcome");
                        a.next(presence(eve, "online"));
                        a.close();
                        JsonObject partnerGone = d.next(presence(ann, "offline"));
                        assertFalse(names(partnerGone, "online").contains(eve), partnerGone.toString());

                        // asked about, eve is told at once, then followed
                        d.send("{\"type\":\"watch\",\"users\":[\"" + eve + "\"]}");
                        d.next(presence(eve, "online"));
                        e.close();
                        d.next(presence(eve, "offline"));
                    }

                    // someone who talks to dee becomes a partner: dee hears when they go
                    try (ChatClient f = as(base, fay)) {
                        f.next("welcome");
                        assertEquals("stored", f.sendTo(dee, "hello from a stranger").getString("status"));
                        d.next(presence(fay, "online"));
                        f.close();
                        d.next(presence(fay, "offline"));
                    }
                    assertTrue(d.pending().stream().noneMatch(frame -> "error".equals(frame.getString("type"))),
                            d.pending().toString());
                }
            }

            // README, Security model: the page says that anyone can be anyone, before and after connecting
            try (Person gus = Person.at(base, name("gus"))) {
                assertTrue(gus.awaitOpenModeBanner().startsWith("Open demo mode"));
                gus.connectByName();
                assertTrue(gus.awaitOpenModeBanner().startsWith("Open demo mode"), "still shown once connected");
            }
        } finally {
            server.stop();
        }
    }
}
