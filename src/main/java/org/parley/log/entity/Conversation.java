package org.parley.log.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a message belongs: the conversation with everyone, or the one between two people. Its id is what clients
 * name it by: {@code everyone}, or the two names in code-point order joined by {@code :}, a character no name may
 * hold ({@code ann:ben}), so that both participants name it alike and nobody else's name can make the same id.
 */
public record Conversation(String id, String first, String second) {

    public static final String EVERYONE = "everyone";
    /** Two names of at most 64 UTF-16 units each, and the colon between them. */
    public static final int MAX_ID_LENGTH = 129;

    public static Conversation everyone() {
        return new Conversation(EVERYONE, null, null);
    }

    public static Conversation between(String one, String other) {
        if (one.equals(other) || one.indexOf(':') >= 0 || other.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a direct conversation is between two different names");
        }
        boolean ordered = byCodePoint(one, other) < 0;
        String first = ordered ? one : other;
        String second = ordered ? other : one;
        return new Conversation(first + ":" + second, first, second);
    }

    /** @return the conversation this id names, or empty for an id no conversation can have */
    public static Optional<Conversation> parse(String id) {
        if (EVERYONE.equals(id)) {
            return Optional.of(everyone());
        }
        if (id == null || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        int colon = id.indexOf(':');
        if (colon <= 0 || colon != id.lastIndexOf(':') || colon == id.length() - 1) {
            return Optional.empty();
        }
        String first = id.substring(0, colon);
        String second = id.substring(colon + 1);
        if (byCodePoint(first, second) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Conversation(id, first, second));
    }

    /** Code-point order, as the protocol says: String's own order is by UTF-16 unit, and the two differ past U+FFFF. */
    private static int byCodePoint(String one, String other) {
        return Arrays.compare(one.codePoints().toArray(), other.codePoints().toArray());
    }

    public boolean isEveryone() {
        return first == null;
    }

    public boolean hasParticipant(String user) {
        return isEveryone() || first.equals(user) || second.equals(user);
    }

    /** @return the other participant of a direct conversation, seen from {@code user} */
    public String partnerOf(String user) {
        return first.equals(user) ? second : first;
    }
}
