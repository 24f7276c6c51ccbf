package org.parley.room.control;

import java.util.List;
import org.parley.log.control.LogRefusal;
import org.parley.protocol.ErrorCode;
import org.parley.room.entity.History;
import org.parley.room.entity.Membership;
import org.parley.room.entity.Role;
import org.parley.room.entity.RoomEvent;
import org.parley.room.entity.RoomSummary;
import org.parley.room.entity.Standing;

/**
 * Who may do what in a room: decides one entry from what the entries before it left, and says what it changes. No
 * database here ({@link RoomLedger} reads and writes), so every rule is tested on its own.
 * <p>
 * A private room is, to anyone neither in it nor invited, a room that does not exist: every refusal to them is
 * {@code unknown-room}, whatever the room's state.
 */
public final class RoomRules {

    private RoomRules() {
    }

    /**
     * An entry asking into a room's log: a message when {@code event} is null. {@code person} is whom an event
     * concerns (the actor themselves for joining, leaving, declining); the rest are the settings it gives.
     * {@code removed}: the actor's account was removed, and this is its leaving or declining; {@code operator}: an
     * operator asks, through the administration API, whatever their place in the room.
     */
    public record Request(RoomEvent event, String actor, String room, String person, Role role, String name,
            String topic, Boolean open, History history, boolean removed, boolean operator) {

        public static Request message(String actor, String room) {
            return new Request(null, actor, room, actor, null, null, null, null, null, false, false);
        }
    }

    /**
     * What the rules see of the room before the entry: the room (null if none has the id), where the actor and the
     * person it concerns stand (null where never in it), how many owners it has, whether the name it asks for is
     * taken by another public room, who would own the room should its last owner's account go (null if nobody
     * else is in it), and for closing it, everyone in it or invited.
     */
    public record View(RoomSummary room, Membership actor, Membership person, int owners, boolean nameTaken,
            String successor, List<Membership> everyone) {

        public View(RoomSummary room, Membership actor, Membership person, int owners, boolean nameTaken) {
            this(room, actor, person, owners, nameTaken, null, List.of());
        }
    }

    /** What happens to the stretch of the room's entries a person's stream holds. */
    public enum SpanChange {
        /** a membership begins with this entry */
        OPEN,
        /** the membership ends with this entry, which is its last */
        CLOSE,
        /** only this entry, about someone outside the room */
        NOTICE,
        NONE
    }

    /** Where a person stands after the entry. */
    public record Change(String person, Standing standing, Role role, SpanChange span) {
    }

    /** What an admitted entry changes: who stands where, and by how much the count of members moves. */
    public record Effects(List<Change> changes, int membersDelta) {

        static final Effects NONE = new Effects(List.of(), 0);
    }

    /**
     * @throws LogRefusal when the entry may not go in the room's log
     */
    public static Effects decide(View view, Request request) {
        RoomSummary room = view.room();
        if (request.event() == RoomEvent.CREATED) {
            return create(view, request);
        }
        Standing actor = standing(view.actor());
        if (room == null || room.isClosed() || !room.open() && !actor.seesRoom() && !request.operator()) {
            throw refused(ErrorCode.UNKNOWN_ROOM, "there is no room " + request.room() + " that you can see");
        }
        if (request.event() == null) {
            requireMember(actor);
            return Effects.NONE;
        }
        return switch (request.event()) {
            case JOINED -> join(view, request, actor);
            case DECLINED -> decline(request, actor);
            case LEFT -> leave(view, request, actor);
            case INVITED -> invite(view, request, actor);
            case KICKED -> kick(view, request, actor);
            case BANNED -> ban(view, request, actor);
            case UNBANNED -> unban(view, request, actor);
            case ROLE -> role(view, request, actor);
            case RENAMED -> rename(view, actor);
            case TOPIC -> topic(view, actor);
            case CLOSED -> close(view, request, actor);
            case CREATED -> throw new IllegalStateException("decided above");
        };
    }

    private static Effects create(View view, Request request) {
        if (view.room() != null) {
            throw refused(ErrorCode.UNAVAILABLE, "the room's id was taken as it was made; nothing was stored, try again");
        }
        if (view.nameTaken()) {
            throw refused(ErrorCode.ROOM_NAME_TAKEN, "a public room is called " + request.name()
                    + " or something that looks like it");
        }
        return new Effects(List.of(new Change(request.actor(), Standing.JOINED, Role.OWNER, SpanChange.OPEN)), 1);
    }

    private static Effects join(View view, Request request, Standing actor) {
        if (actor == Standing.BANNED) {
            throw refused(ErrorCode.BANNED, "you are banned from " + view.room().name());
        }
        if (actor == Standing.JOINED) {
            throw refused(ErrorCode.NO_CHANGE, "you are in " + view.room().name() + " already");
        }
        return new Effects(List.of(new Change(request.actor(), Standing.JOINED, Role.MEMBER, SpanChange.OPEN)), 1);
    }

    private static Effects decline(Request request, Standing actor) {
        if (actor != Standing.INVITED) {
            throw refused(ErrorCode.NO_CHANGE, "you have no invitation to decline");
        }
        return new Effects(List.of(new Change(request.actor(), Standing.DECLINED, Role.MEMBER, SpanChange.NOTICE)), 0);
    }

    private static Effects leave(View view, Request request, Standing actor) {
        requireMember(actor);
        Change left = new Change(request.actor(), Standing.LEFT, Role.MEMBER, SpanChange.CLOSE);
        boolean lastOwner = view.actor().role() == Role.OWNER && view.owners() == 1 && view.room().members() > 1;
        if (lastOwner && request.removed() && view.successor() != null) {
            // an account that goes hands its rooms on: to whoever has stood highest longest
            return new Effects(List.of(left, new Change(view.successor(), Standing.JOINED, Role.OWNER,
                    SpanChange.NONE)), -1);
        }
        if (lastOwner) {
            throw refused(ErrorCode.LAST_OWNER, "you are the room's last owner: make someone else an owner first");
        }
        return new Effects(List.of(left), -1);
    }

    private static Effects invite(View view, Request request, Standing actor) {
        requireMember(actor);
        Standing person = standing(view.person());
        if (request.person().equals(request.actor()) || person == Standing.JOINED) {
            throw refused(ErrorCode.NO_CHANGE, request.person() + " is in the room already");
        }
        if (person == Standing.INVITED) {
            throw refused(ErrorCode.NO_CHANGE, request.person() + " is invited already");
        }
        if (person == Standing.BANNED) {
            throw refused(ErrorCode.BANNED, request.person() + " is banned from this room");
        }
        return new Effects(List.of(new Change(request.person(), Standing.INVITED, Role.MEMBER, SpanChange.NOTICE)), 0);
    }

    private static Effects kick(View view, Request request, Standing actor) {
        Role by = requireModerator(view, actor);
        Standing person = standing(view.person());
        if (!person.seesRoom()) {
            throw refused(ErrorCode.NOT_MEMBER, request.person() + " is neither in the room nor invited");
        }
        requireOutranks(by, view.person(), request);
        return removal(view, request, Standing.KICKED);
    }

    private static Effects ban(View view, Request request, Standing actor) {
        Role by = requireModerator(view, actor);
        Standing person = standing(view.person());
        if (person == Standing.BANNED) {
            throw refused(ErrorCode.NO_CHANGE, request.person() + " is banned already");
        }
        if (request.person().equals(request.actor())) {
            throw refused(ErrorCode.NOT_ALLOWED, "you cannot ban yourself; leave the room instead");
        }
        if (person.seesRoom()) {
            requireOutranks(by, view.person(), request);
        }
        return removal(view, request, Standing.BANNED);
    }

    /** A member's membership ends with this entry; anyone else only hears of it. */
    private static Effects removal(View view, Request request, Standing after) {
        boolean member = standing(view.person()) == Standing.JOINED;
        return new Effects(List.of(new Change(request.person(), after, Role.MEMBER,
                member ? SpanChange.CLOSE : SpanChange.NOTICE)), member ? -1 : 0);
    }

    private static Effects unban(View view, Request request, Standing actor) {
        requireModerator(view, actor);
        if (standing(view.person()) != Standing.BANNED) {
            throw refused(ErrorCode.NO_CHANGE, request.person() + " is not banned");
        }
        return new Effects(List.of(new Change(request.person(), Standing.LEFT, Role.MEMBER, SpanChange.NOTICE)), 0);
    }

    private static Effects role(View view, Request request, Standing actor) {
        requireMember(actor);
        if (view.actor().role() != Role.OWNER) {
            throw refused(ErrorCode.NOT_ALLOWED, "only the room's owners give roles");
        }
        if (standing(view.person()) != Standing.JOINED) {
            throw refused(ErrorCode.NOT_MEMBER, request.person() + " is not in the room");
        }
        if (view.person().role() == request.role()) {
            throw refused(ErrorCode.NO_CHANGE, request.person() + " is " + request.role().wireName() + " already");
        }
        if (view.person().role() == Role.OWNER && view.owners() == 1) {
            throw refused(ErrorCode.LAST_OWNER, request.person() + " is the room's last owner: make someone else an"
                    + " owner first");
        }
        return new Effects(List.of(new Change(request.person(), Standing.JOINED, request.role(), SpanChange.NONE)), 0);
    }

    private static Effects rename(View view, Standing actor) {
        requireMember(actor);
        if (view.actor().role() != Role.OWNER) {
            throw refused(ErrorCode.NOT_ALLOWED, "only the room's owners rename it");
        }
        if (view.nameTaken()) {
            throw refused(ErrorCode.ROOM_NAME_TAKEN, "another public room has that name or one that looks like it");
        }
        return Effects.NONE;
    }

    private static Effects topic(View view, Standing actor) {
        requireModerator(view, actor);
        return Effects.NONE;
    }

    /** Everyone in the room leaves it with this entry, and those invited hear of it; nothing comes after. */
    private static Effects close(View view, Request request, Standing actor) {
        if (!request.operator()) {
            requireMember(actor);
            if (view.actor().role() != Role.OWNER) {
                throw refused(ErrorCode.NOT_ALLOWED, "only the room's owners close it");
            }
        }
        List<Change> changes = view.everyone().stream().map(member -> new Change(member.person(), Standing.LEFT,
                Role.MEMBER, member.standing() == Standing.JOINED ? SpanChange.CLOSE : SpanChange.NOTICE)).toList();
        return new Effects(changes, -(int) view.everyone().stream()
                .filter(member -> member.standing() == Standing.JOINED).count());
    }

    private static void requireMember(Standing actor) {
        if (actor == Standing.BANNED) {
            throw refused(ErrorCode.BANNED, "you are banned from this room");
        }
        if (actor != Standing.JOINED) {
            throw refused(ErrorCode.NOT_MEMBER, "you are not in this room: join it first");
        }
    }

    private static Role requireModerator(View view, Standing actor) {
        requireMember(actor);
        if (!view.actor().role().moderates()) {
            throw refused(ErrorCode.NOT_ALLOWED, "only the room's moderators and owners do that");
        }
        return view.actor().role();
    }

    private static void requireOutranks(Role by, Membership person, Request request) {
        if (!by.outranks(person.role())) {
            throw refused(ErrorCode.NOT_ALLOWED, request.person() + " is " + person.role().wireName()
                    + " of the room, as high as you or higher");
        }
    }

    private static Standing standing(Membership membership) {
        return membership == null ? Standing.LEFT : membership.standing();
    }

    private static LogRefusal refused(ErrorCode code, String message) {
        return new LogRefusal(code, message);
    }
}
