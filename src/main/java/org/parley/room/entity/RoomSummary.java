package org.parley.room.entity;

/**
 * A room as its latest events left it: what the directory, the member list and the rules read. {@code closedSeq} is
 * the entry that closed it, 0 while it is open.
 */
public record RoomSummary(String id, String name, String topic, boolean open, History history, int members,
        long createdSeq, long lastSeq, long closedSeq) {

    public boolean isClosed() {
        return closedSeq != 0;
    }
}
