package org.parley.room.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.parley.log.entity.ChatMessage;
import org.parley.room.entity.RoomEvent;

/**
 * Who is in each room, in memory, as the entries handed on so far say: whom the live fan-out offers a room's entry.
 * A room is read from the log's spans as of the first of its entries handed on here, then kept by applying each
 * later entry in the log's order, so the audience of an entry is exactly the streams that hold it: the same
 * rule the catch-up reads by.
 */
@ApplicationScoped
public class RoomRoster {

    private static final class Members {
        final Set<String> names;
        final long asOf;

        Members(Set<String> names, long asOf) {
            this.names = names;
            this.asOf = asOf;
        }
    }

    @Inject
    RoomReads reads;

    private final Map<String, Members> rooms = new HashMap<>();

    /**
     * Whose streams hold the entry: the room's members after it, and the person it concerns (who may be outside
     * the room: someone invited, removed or banned). Called with every entry of every room, in the log's order.
     */
    public synchronized Set<String> audienceOf(ChatMessage entry) {
        String room = entry.conversationId();
        Members members = rooms.get(room);
        if (members == null) {
            members = new Members(new HashSet<>(reads.membersAt(room, entry.seq())), entry.seq());
            rooms.put(room, members);
        }
        if (entry.kind() == null) {
            return Set.copyOf(members.names);
        }
        String person = RoomLedger.requestOf(entry).person();
        RoomEvent event = RoomEvent.of(entry.kind()).orElseThrow();
        Set<String> before = new HashSet<>(members.names);
        if (entry.seq() > members.asOf) {
            switch (event) {
                case CREATED, JOINED -> members.names.add(person);
                case LEFT, KICKED, BANNED -> members.names.remove(person);
                case CLOSED -> members.names.clear();
                default -> {
                    // no one comes or goes
                }
            }
        }
        // a room's closing is the last entry of everyone who was in it
        Set<String> audience = event == RoomEvent.CLOSED ? before : new HashSet<>(members.names);
        audience.add(person);
        return audience;
    }
}
