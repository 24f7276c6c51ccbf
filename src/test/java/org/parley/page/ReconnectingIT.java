package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ParleyServer;
import org.parley.testing.Person;

/** The server goes away under two open pages and comes back: the pages say so, and come back by themselves. */
class ReconnectingIT {

    // long enough to outlive the restart: a page whose ticket ran out meanwhile must ask for the password again
    private static final Map<String, String> SETTINGS = Map.of("parley.ticket.lifetime", "10m");

    private final ParleyServer server = ParleyServer.forTest(ReconnectingIT.class);

    @Test
    void pagesShowTheyAreReconnectingWhileTheServerRestartsThenCarryOn() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        URL base = server.start(SETTINGS);
        try (Person ann = Person.at(base, "ann" + suffix); Person ben = Person.at(base, "ben" + suffix)) {
            ann.createAccount();
            ben.createAccount();
            ann.awaitOnline(ben.name);
            ann.choose(ben.name);
            ben.choose(ann.name);
            ann.say("before the restart");
            ben.awaitMessage("before the restart");
            server.stop();
            ann.awaitState("reconnecting");
            ann.awaitNotice("Reconnecting");
            ann.screenshot("reconnecting");
            server.start(SETTINGS);
            ann.awaitReconnected();
            ben.awaitReconnected();
            ann.awaitOnline(ben.name);
            ann.say("back again");
            ben.awaitMessage("back again");
            // each page went on from the last message it had: nothing came twice
            assertEquals(List.of("before the restart", "back again"), ben.bodies());
            ann.awaitMessages(List.of("before the restart", "back again")); // her own, once its ack is in
        } finally {
            server.stop();
        }
    }
}
