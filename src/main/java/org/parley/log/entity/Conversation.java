package org.parley.log.entity;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a message belongs: the conversation with everyone, the one between two people, or a room. Its id is what
 * clients name it by: {@code everyone}; the two names in code-point order joined by {@code :}, a character no name
 * may hold ({@code ann:ben}), so that both participants name it alike and nobody else's name can make the same id; or
 * a room's id, {@code #} (which no name holds either) and lower-case letters and digits the server chose.
 */
public record Conversation(String id, String first, String second) {

    public static final String EVERYONE = "everyone";
    /** Two names of at most 64 UTF-16 units each, and the colon between them. */
    public static final int MAX_ID_LENGTH = 129;
    private static final Pattern ROOM_ID = Pattern.compile("#[a-z0-9]{1,32}");

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

    /** A room's conversation; {@code id} as {@link #isRoomId} accepts it. */
    public static Conversation room(String id) {
        if (!isRoomId(id)) {
            throw new IllegalArgumentException("not a room's id: " + id);
        }
        return new Conversation(id, null, null);
    }

    /** Whether a room may have this id: what a client writes where a room is meant begins with {@code #}. */
    public static boolean isRoomId(String id) {
        return id != null && ROOM_ID.matcher(id).matches();
    }

    /** @return the conversation this id names, or empty for an id no conversation can have */
    public static Optional<Conversation> parse(String id) {
        if (EVERYONE.equals(id)) {
            return Optional.of(everyone());
        }
        if (isRoomId(id)) {
            return Optional.of(room(id));
        }
        // no name holds '#': an id that begins with one and is no room's is nobody's
        if (id == null || id.length() > MAX_ID_LENGTH || id.startsWith("#")) {
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
        return EVERYONE.equals(id);
    }

    public boolean isRoom() {
        return id.charAt(0) == '#';
    }

    public boolean isDirect() {
        return first != null;
    }

    /** Whether {@code user} takes part by the id alone: false for a room, whose members the room knows. */
    public boolean hasParticipant(String user) {
        return isEveryone() || isDirect() && (first.equals(user) || second.equals(user));
    }

    /** @return the other participant of a direct conversation, seen from {@code user} */
    public String partnerOf(String user) {
        return first.equals(user) ? second : first;
    }
}
