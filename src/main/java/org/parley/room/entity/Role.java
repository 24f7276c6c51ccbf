package org.parley.room.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a member of a room may do, highest first: a role may act on the roles below it only. */
public enum Role {
    OWNER, MODERATOR, MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String wireName) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(wireName)).findFirst();
    }

    public boolean outranks(Role other) {
        return ordinal() < other.ordinal();
    }

    /** Moderators and owners remove and ban; owners also hand out roles and rename the room. */
    public boolean moderates() {
        return this != MEMBER;
    }
}
