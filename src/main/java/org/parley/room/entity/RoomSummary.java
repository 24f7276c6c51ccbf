package org.parley.room.entity;

/** A room as its latest events left it: what the directory, the member list and the rules read. */
public record RoomSummary(String id, String name, String topic, boolean open, History history, int members,
        long createdSeq, long lastSeq) {
}
