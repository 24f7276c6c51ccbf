package org.parley.room.entity;

/**
 * A room as its latest events left it: what the directory, the member list and the rules read. {@code closedSeq} is
 * the entry that closed it, 0 while it is open; {@code messages} counts its chat messages so far, the latest of
 * them {@code lastMessageSeq}.
 */
public record RoomSummary(String id, String name, String topic, boolean open, History history, int members,
        long createdSeq, long lastSeq, long closedSeq, long messages, long lastMessageSeq) {

    public boolean isClosed() {
        return closedSeq != 0;
    }
}
