package org.parley.room.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What of a room's history its members read: all of it ({@link #SHARED}), or what came since they joined. */
public enum History {
    SHARED, JOINED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<History> of(String wireName) {
        return Arrays.stream(values()).filter(history -> history.wireName().equals(wireName)).findFirst();
    }

    /** Public rooms are read from their beginning, private ones from when one joined, unless the creator says. */
    public static History defaultFor(boolean open) {
        return open ? SHARED : JOINED;
    }
}
