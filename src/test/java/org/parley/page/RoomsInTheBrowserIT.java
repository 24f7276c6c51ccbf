package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.DeployedParley;
import org.parley.testing.Person;

/**
 * Rooms on the page, in Chromium: making one, finding and joining a public one, inviting to a private one and
 * accepting, the members with their roles, a ban from the members panel and its lifting, a new name and topic; what
 * each person sees of it. The screenshots README shows are taken here (target/screenshots).
 */
class RoomsInTheBrowserIT extends DeployedParley {

    private static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aPublicRoomIsFoundJoinedAndTalkedInABanTakesItAwayAndItsLiftingLetsThemBackIn() {
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, name("ben"))) {
            ann.createAccount();
            ben.createAccount();
            String club = "Book club " + ann.name.substring(3);
            ann.makeRoom(club, true);
            ben.findAndJoin(club.substring(0, 8).toLowerCase(java.util.Locale.ROOT), club);
            ann.awaitEvent(ben.name + " joined");
            ann.say("welcome to the club");
            ben.awaitMessage("welcome to the club");
            ben.say("glad to be here");
            ann.awaitMessages(List.of("welcome to the club", "glad to be here"));
            assertEquals("", ann.awaitMessage("glad to be here").context(), "a room's message is to nobody in person");
            assertEquals("member", ann.awaitMember(ben.name));
            ann.screenshot("room-chat");

            ann.actOnMember("role:moderator", ben.name);
            ann.awaitEvent(ann.name + " made " + ben.name + " a moderator");
            ben.awaitEvent(ann.name + " made " + ben.name + " a moderator");
            ann.actOnMember("ban", ben.name);
            ben.awaitEvent(ann.name + " banned " + ben.name);
            ben.awaitSaid(ann.name + " banned you from # " + club + ".");
            assertFalse(ben.rooms().contains(club), "the room leaves the banned person's list");
            ann.say("after the ban");
            ann.awaitMessage("after the ban");
            assertFalse(ben.bodies().contains("after the ban"));

            ann.liftBan(ben.name);
            ann.awaitEvent(ann.name + " lifted " + ben.name + "'s ban");
            ben.findAndJoin(club.substring(0, 8).toLowerCase(java.util.Locale.ROOT), club);
            assertEquals("member", ann.awaitMember(ben.name), "back as a member, not as the moderator he was");
            String renamed = "Readers " + ann.name.substring(3);
            ann.renameRoom(renamed);
            ben.awaitEvent(ann.name + " renamed the room " + renamed);
            ben.awaitRoomOpen(renamed);
            ann.setTopic("one book a month");
            ben.awaitEvent(ann.name + " set the topic: one book a month");
            assertEquals("one book a month", ben.roomTopic());
        }
    }

    @Test
    void anInvitationToAPrivateRoomIsAcceptedAndTheRoomOpensWithWhatCameSince() {
        try (Person ann = Person.at(base, name("ann")); Person cy = Person.at(base, name("cy"))) {
            ann.createAccount();
            cy.createAccount();
            String plans = "Plans " + ann.name.substring(3);
            ann.makeRoom(plans, false);
            ann.say("before cy");
            ann.awaitMessage("before cy");
            ann.invite(cy.name);
            ann.awaitEvent(ann.name + " invited " + cy.name);
            cy.acceptInvitation(plans);
            cy.awaitRoomOpen(plans);
            ann.awaitEvent(cy.name + " joined");
            ann.say("after cy");
            cy.awaitMessage("after cy");
            assertFalse(cy.bodies().contains("before cy"), "a private room shows a newcomer what came since they came");
            assertTrue(cy.rooms().contains(plans));
            cy.awaitMember(ann.name);
            cy.screenshot("room-invited");
        }
    }
}
