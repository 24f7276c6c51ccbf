package org.parley.room.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The events of a room, as the log's {@code KIND} and the {@code room-event} frame's {@code event} name them. Each is
 * an entry of the log, numbered with the room's messages.
 */
public enum RoomEvent {
    CREATED, JOINED, LEFT, DECLINED, INVITED, KICKED, BANNED, UNBANNED, ROLE, RENAMED, TOPIC, CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RoomEvent> of(String wireName) {
        return Arrays.stream(values()).filter(event -> event.wireName().equals(wireName)).findFirst();
    }
}
