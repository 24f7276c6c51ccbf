package org.parley.room.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.log.control.LogRefusal;
import org.parley.protocol.ErrorCode;
import org.parley.room.entity.History;
import org.parley.room.entity.Membership;
import org.parley.room.entity.Role;
import org.parley.room.entity.RoomEvent;
import org.parley.room.entity.RoomSummary;
import org.parley.room.entity.Standing;

/** Who may do what in a room, decided without a database. */
class RoomRulesTest {

    private static final RoomSummary PUBLIC = new RoomSummary("#pub", "Lobby", "", true, History.SHARED, 3, 1, 9, 0, 0, 0);
    private static final RoomSummary PRIVATE = new RoomSummary("#priv", "Team", "", false, History.JOINED, 3, 1, 9, 0, 0, 0);

    private static Membership as(Standing standing, Role role) {
        return new Membership("#r", "x", standing, role, 1);
    }

    private static RoomRules.Request request(RoomEvent event, String actor, String person, Role role) {
        return new RoomRules.Request(event, actor, "#r", person, role, null, null, null, null, false, false);
    }

    private static ErrorCode refusal(RoomSummary room, Membership actor, Membership person, RoomEvent event) {
        return refusal(new RoomRules.View(room, actor, person, 1, false), request(event, "ann", "bob", Role.MEMBER));
    }

    private static ErrorCode refusal(RoomRules.View view, RoomRules.Request request) {
        return assertThrows(LogRefusal.class, () -> RoomRules.decide(view, request)).code();
    }

    @Test
    void aPrivateRoomIsToOutsidersARoomThatDoesNotExist() {
        for (RoomEvent event : List.of(RoomEvent.JOINED, RoomEvent.INVITED, RoomEvent.BANNED, RoomEvent.TOPIC)) {
            assertEquals(ErrorCode.UNKNOWN_ROOM, refusal(PRIVATE, null, null, event), event::toString);
            assertEquals(ErrorCode.UNKNOWN_ROOM, refusal(PRIVATE, as(Standing.LEFT, Role.MEMBER), null, event));
            assertEquals(ErrorCode.UNKNOWN_ROOM, refusal(PRIVATE, as(Standing.BANNED, Role.MEMBER), null, event));
        }
        assertEquals(ErrorCode.UNKNOWN_ROOM, refusal(new RoomRules.View(PRIVATE, null, null, 1, false),
                RoomRules.Request.message("ann", "#priv")));
        assertEquals(ErrorCode.UNKNOWN_ROOM, refusal(null, null, null, RoomEvent.JOINED), "nor one that does not");
    }

    @Test
    void anInvitationOpensAPrivateRoomAndABanClosesAPublicOne() {
        RoomRules.Effects joined = RoomRules.decide(new RoomRules.View(PRIVATE, as(Standing.INVITED, Role.MEMBER),
                as(Standing.INVITED, Role.MEMBER), 1, false), request(RoomEvent.JOINED, "ann", "ann", null));
        assertEquals(List.of(new RoomRules.Change("ann", Standing.JOINED, Role.MEMBER, RoomRules.SpanChange.OPEN)),
                joined.changes());
        assertEquals(1, joined.membersDelta());
        assertEquals(ErrorCode.BANNED, refusal(PUBLIC, as(Standing.BANNED, Role.MEMBER), null, RoomEvent.JOINED));
        assertEquals(ErrorCode.BANNED, refusal(new RoomRules.View(PUBLIC, as(Standing.BANNED, Role.MEMBER), null, 1,
                false), RoomRules.Request.message("ann", "#pub")));
        assertEquals(ErrorCode.NOT_MEMBER, refusal(new RoomRules.View(PUBLIC, null, null, 1, false),
                RoomRules.Request.message("ann", "#pub")), "a public room is seen, but only members speak in it");
    }

    @Test
    void onlyAHigherRoleRemovesAndOnlyOwnersGiveRoles() {
        Membership member = as(Standing.JOINED, Role.MEMBER);
        Membership moderator = as(Standing.JOINED, Role.MODERATOR);
        Membership owner = as(Standing.JOINED, Role.OWNER);
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(PUBLIC, member, member, RoomEvent.KICKED));
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(PUBLIC, moderator, moderator, RoomEvent.KICKED));
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(PUBLIC, moderator, owner, RoomEvent.BANNED));
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(PUBLIC, moderator, member, RoomEvent.ROLE));
        RoomRules.Effects kicked = RoomRules.decide(new RoomRules.View(PUBLIC, moderator, member, 1, false),
                request(RoomEvent.KICKED, "ann", "bob", null));
        assertEquals(List.of(new RoomRules.Change("bob", Standing.KICKED, Role.MEMBER, RoomRules.SpanChange.CLOSE)),
                kicked.changes());
        assertEquals(-1, kicked.membersDelta());
        RoomRules.Effects bannedOutsider = RoomRules.decide(new RoomRules.View(PUBLIC, moderator, null, 1, false),
                request(RoomEvent.BANNED, "ann", "bob", null));
        assertEquals(RoomRules.SpanChange.NOTICE, bannedOutsider.changes().get(0).span(),
                "someone banned before joining hears of it once, and reads nothing");
        assertEquals(0, bannedOutsider.membersDelta());
    }

    @Test
    void theLastOwnerStaysUntilAnotherIsMade() {
        Membership owner = as(Standing.JOINED, Role.OWNER);
        assertEquals(ErrorCode.LAST_OWNER, refusal(new RoomRules.View(PUBLIC, owner, owner, 1, false),
                request(RoomEvent.LEFT, "ann", "ann", null)));
        assertEquals(ErrorCode.LAST_OWNER, refusal(new RoomRules.View(PUBLIC, owner, owner, 1, false),
                request(RoomEvent.ROLE, "ann", "ann", Role.MEMBER)));
        RoomRules.Effects removed = RoomRules.decide(new RoomRules.View(PUBLIC, owner, owner, 1, false, "cy", List.of()),
                new RoomRules.Request(RoomEvent.LEFT, "ann", "#r", "ann", null, null, null, null, null, true, false));
        assertEquals(List.of(new RoomRules.Change("ann", Standing.LEFT, Role.MEMBER, RoomRules.SpanChange.CLOSE),
                new RoomRules.Change("cy", Standing.JOINED, Role.OWNER, RoomRules.SpanChange.NONE)), removed.changes(),
                "a removed account's rooms go on, owned by whoever stood highest longest");
        RoomSummary alone = new RoomSummary("#a", "Alone", "", true, History.SHARED, 1, 1, 2, 0, 0, 0);
        assertEquals(-1, RoomRules.decide(new RoomRules.View(alone, owner, owner, 1, false),
                request(RoomEvent.LEFT, "ann", "ann", null)).membersDelta(), "the last one out may go");
    }

    @Test
    void invitationsAreNotRepeatedNorSentToTheBanned() {
        Membership member = as(Standing.JOINED, Role.MEMBER);
        assertEquals(ErrorCode.NO_CHANGE, refusal(PRIVATE, member, as(Standing.INVITED, Role.MEMBER),
                RoomEvent.INVITED));
        assertEquals(ErrorCode.NO_CHANGE, refusal(PRIVATE, member, member, RoomEvent.INVITED));
        assertEquals(ErrorCode.BANNED, refusal(PRIVATE, member, as(Standing.BANNED, Role.MEMBER), RoomEvent.INVITED));
        assertEquals(ErrorCode.NO_CHANGE, refusal(PRIVATE, as(Standing.JOINED, Role.MODERATOR), null,
                RoomEvent.UNBANNED));
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(PRIVATE, member, as(Standing.BANNED, Role.MEMBER),
                RoomEvent.UNBANNED));
        assertEquals(ErrorCode.NO_CHANGE, refusal(new RoomRules.View(PUBLIC, null, null, 1, false),
                request(RoomEvent.DECLINED, "ann", "ann", null)), "nothing to decline");
    }
}
