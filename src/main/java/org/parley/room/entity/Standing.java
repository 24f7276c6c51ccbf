package org.parley.room.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a person stands with a room, as its latest event about them left it. */
public enum Standing {
    INVITED, JOINED, LEFT, DECLINED, KICKED, BANNED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Standing> of(String wireName) {
        return Arrays.stream(values()).filter(standing -> standing.wireName().equals(wireName)).findFirst();
    }

    /** Whether the room is visible to them: members see it, and so do those invited, to accept or decline. */
    public boolean seesRoom() {
        return this == JOINED || this == INVITED;
    }
}
