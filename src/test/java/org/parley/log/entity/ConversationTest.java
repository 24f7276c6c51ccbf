package org.parley.log.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConversationTest {

    @Test
    void bothParticipantsNameADirectConversationAlike() {
        assertEquals("ann:ben", Conversation.between("ben", "ann").id());
        assertEquals(Conversation.between("ann", "ben"), Conversation.parse("ann:ben").orElseThrow());
        assertEquals("ben", Conversation.between("ann", "ben").partnerOf("ann"));
    }

    @Test
    void namesAreOrderedByCodePointNotByUtf16Unit() {
        String cjk = "\uFA0E";
        String supplementary = new String(Character.toChars(0x20000));
        assertEquals(cjk + ":" + supplementary, Conversation.between(supplementary, cjk).id());
        assertTrue(Conversation.parse(cjk + ":" + supplementary).isPresent());
        assertTrue(Conversation.parse(supplementary + ":" + cjk).isEmpty());
    }

    @Test
    void onlyParticipantsTakePartAndEveryoneTakesPartInEveryone() {
        Conversation direct = Conversation.parse("ann:ben").orElseThrow();
        assertTrue(direct.hasParticipant("ann"));
        assertFalse(direct.hasParticipant("cy"));
        assertFalse(direct.hasParticipant("ann:ben"));
        assertTrue(Conversation.parse("everyone").orElseThrow().hasParticipant("cy"));
    }

    @Test
    void idsNoConversationCanHaveAreNotConversations() {
        for (String id : new String[] {"", ":", "ann", "ann:", ":ben", "ben:ann", "ann:ann", "a:b:c", "x".repeat(200)}) {
            assertTrue(Conversation.parse(id).isEmpty(), id);
        }
        assertThrows(IllegalArgumentException.class, () -> Conversation.between("ann", "ann"));
    }

    @Test
    void aRoomIsNamedByItsIdWhichNoPersonsNameCanBe() {
        Conversation room = Conversation.parse("#k2v7").orElseThrow();
        assertTrue(room.isRoom());
        assertFalse(room.isDirect());
        assertFalse(room.isEveryone());
        assertFalse(room.hasParticipant("k2v7"), "who is in a room, the room knows");
        assertTrue(Conversation.parse("#").isEmpty());
        assertTrue(Conversation.parse("#Upper").isEmpty());
        assertTrue(Conversation.parse("#a:b").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Conversation.room("ann"));
    }
}
