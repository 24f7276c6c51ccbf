package org.parley.room.entity;

/**
 * A stretch of a room's entries that one person's stream holds: a membership, from the entry that began it to the
 * one that ended it ({@code untilSeq} 0 while it lasts), or a notice, the one entry about someone outside the room
 * (an invitation, a ban).
 */
public record Span(String room, long fromSeq, long untilSeq, boolean notice) {

    public boolean isOpen() {
        return untilSeq == 0;
    }
}
