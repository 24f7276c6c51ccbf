package org.parley.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.parley.account.entity.UserName;
import org.parley.web.StrictJson;

/**
 * What a client may send. Parsing never fails: a frame that cannot be understood becomes {@link Refused}, which the
 * server answers with an error frame while the connection stays open.
 */
public sealed interface ClientFrame {

    int MAX_REF_LENGTH = 64;
    /** The most people one {@code watch} frame may name. */
    int MAX_WATCHED = 100;

    /** A message to one user, to a room when {@code to} begins with {@code #}, or to everyone when it is null. */
    record Send(String to, String body, String ref) implements ClientFrame {
        public boolean isBroadcast() {
            return to == null;
        }

        public boolean isToRoom() {
            return to != null && to.startsWith("#");
        }
    }

    /** What one can do to a room (docs/PROTOCOL.md, "Rooms"); each is answered like a send, with an ack or an error. */
    enum RoomAction {
        CREATE, JOIN, LEAVE, DECLINE, INVITE, KICK, BAN, UNBAN, ROLE, SETTINGS, CLOSE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the action names the person it is done to. */
        public boolean concernsAnother() {
            return this == INVITE || this == KICK || this == BAN || this == UNBAN || this == ROLE;
        }
    }

    /**
     * A room action. {@code room} is null only for {@code create}; {@code person} names whom it is done to; the
     * others are the room's settings, null where not given.
     */
    record Room(RoomAction action, String room, String person, String role, String name, String topic,
            Boolean open, String history, String ref) implements ClientFrame {
    }

    /** Everything in this connection's stream up to {@code upTo} has arrived (cumulative). */
    record Received(long upTo) implements ClientFrame {
    }

    /** The user has read the conversation up to {@code upTo}. */
    record Read(String conversation, long upTo) implements ClientFrame {
    }

    /** The page shows these people: tell this connection where they are, now and as it changes. */
    record Watch(Set<String> users) implements ClientFrame {
    }

    record Refused(ErrorCode code, String message, String ref) implements ClientFrame {
    }

    /** Larger than the frame limit: answered by closing the connection with 1009. */
    record Oversized(int limit) implements ClientFrame {
    }

    /**
     * Like {@link #parse(String)}, but a frame of more than {@code limitBytes} of UTF-8 is {@link Oversized}: the
     * containers' own buffer limits are not enforced alike, so Parley counts for itself.
     */
    static ClientFrame parse(String text, int limitBytes) {
        // a UTF-16 unit is at most three UTF-8 bytes, so most frames need no counting
        if ((long) text.length() * 3 > limitBytes && Utf8.length(text) > limitBytes) {
            return new Oversized(limitBytes);
        }
        return parse(text);
    }

    /** Reads the text form {@code to|body} or, when the first non-blank character is '{', the JSON form. */
    static ClientFrame parse(String text) {
        if (text.stripLeading().startsWith("{")) {
            return parseJson(text);
        }
        int bar = text.indexOf('|');
        if (bar < 0) {
            return new Send(null, text, null);
        }
        String to = text.substring(0, bar);
        return new Send(to.isEmpty() ? null : to, text.substring(bar + 1), null);
    }

    private static ClientFrame parseJson(String text) {
        JsonObject json;
        try {
            json = StrictJson.object(text);
        } catch (StrictJson.NotAnObject e) {
            return new Refused(ErrorCode.INVALID_FRAME, "unreadable frame: " + e.getMessage(), null);
        }
        String ref = stringOrNull(json, "ref");
        if (json.containsKey("ref") && ref == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "'ref' must be a string", null);
        }
        if (ref != null && ref.length() > MAX_REF_LENGTH) {
            return new Refused(ErrorCode.INVALID_FRAME, "'ref' is longer than " + MAX_REF_LENGTH + " characters", null);
        }
        String type = stringOrNull(json, "type");
        if (type == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "the frame has no 'type'", ref);
        }
        return switch (type) {
            case "send" -> send(json, ref);
            case "received" -> received(json, ref);
            case "read" -> read(json, ref);
            case "watch" -> watch(json, ref);
            case "room" -> room(json, ref);
            default -> new Refused(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + Excerpt.of(type) + "'", ref);
        };
    }

    private static ClientFrame received(JsonObject json, String ref) {
        long upTo = position(json);
        return upTo < 0 ? new Refused(ErrorCode.INVALID_FRAME, "a 'received' frame needs 'upTo', a message's seq",
                ref) : new Received(upTo);
    }

    private static ClientFrame read(JsonObject json, String ref) {
        long upTo = position(json);
        String conversation = stringOrNull(json, "conversation");
        if (upTo < 0 || conversation == null) {
            return new Refused(ErrorCode.INVALID_FRAME,
                    "a 'read' frame needs a string 'conversation' and 'upTo', a message's seq", ref);
        }
        return new Read(conversation, upTo);
    }

    private static ClientFrame watch(JsonObject json, String ref) {
        if (!(json.get("users") instanceof JsonArray array)) {
            return new Refused(ErrorCode.INVALID_FRAME, "a 'watch' frame needs 'users', an array of names", ref);
        }
        if (array.size() > MAX_WATCHED) {
            return new Refused(ErrorCode.INVALID_FRAME, "a 'watch' frame names at most " + MAX_WATCHED + " people",
                    ref);
        }
        Set<String> users = new LinkedHashSet<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString name)) {
                return new Refused(ErrorCode.INVALID_FRAME, "'users' must hold names, as strings", ref);
            }
            try {
                users.add(UserName.parse(name.getString()).value());
            } catch (UserName.InvalidUserName e) {
                return new Refused(ErrorCode.INVALID_RECIPIENT, "'" + Excerpt.of(name.getString()) + "': "
                        + e.getMessage(), ref);
            }
        }
        return new Watch(users);
    }

    private static ClientFrame room(JsonObject json, String ref) {
        String actionName = stringOrNull(json, "action");
        RoomAction action = null;
        for (RoomAction candidate : RoomAction.values()) {
            if (candidate.wireName().equals(actionName)) {
                action = candidate;
            }
        }
        if (action == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "a 'room' frame needs 'action', one of create, join, leave,"
                    + " decline, invite, kick, ban, unban, role, settings, close", ref);
        }
        for (String key : new String[] {"room", "person", "role", "name", "topic", "history"}) {
            if (json.containsKey(key) && !(json.get(key) instanceof JsonString)) {
                return new Refused(ErrorCode.INVALID_FRAME, "'" + key + "' must be a string", ref);
            }
        }
        JsonValue open = json.get("public");
        if (open != null && open != JsonValue.TRUE && open != JsonValue.FALSE) {
            return new Refused(ErrorCode.INVALID_FRAME, "'public' must be true or false", ref);
        }
        String room = stringOrNull(json, "room");
        if (action != RoomAction.CREATE && room == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "'" + action.wireName() + "' needs 'room', the room's id",
                    ref);
        }
        String person = stringOrNull(json, "person");
        if (action.concernsAnother() && person == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "'" + action.wireName() + "' needs 'person', a name", ref);
        }
        String role = stringOrNull(json, "role");
        if (action == RoomAction.ROLE && role == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "'role' needs 'role': owner, moderator or member", ref);
        }
        String name = stringOrNull(json, "name");
        if (action == RoomAction.CREATE && name == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "'create' needs 'name', the room's name", ref);
        }
        String topic = stringOrNull(json, "topic");
        String history = stringOrNull(json, "history");
        // one event each: a frame with both would be renamed and its topic lost
        if (action == RoomAction.SETTINGS && (name == null) == (topic == null)) {
            return new Refused(ErrorCode.INVALID_FRAME, "'settings' needs 'name' or 'topic', one at a time", ref);
        }
        return new Room(action, room, person, role, name, topic, open == null ? null : open == JsonValue.TRUE,
                history, ref);
    }

    /** @return {@code upTo} when it is a whole number from 0 to 2^53 (what a JavaScript client holds exactly), else -1 */
    private static long position(JsonObject json) {
        if (json.get("upTo") instanceof JsonNumber number && number.isIntegral()) {
            try {
                long value = number.longValueExact();
                return value >= 0 && value <= (1L << 53) ? value : -1;
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return -1;
    }

    private static ClientFrame send(JsonObject json, String ref) {
        String body = stringOrNull(json, "body");
        if (body == null) {
            return new Refused(ErrorCode.INVALID_FRAME, "a 'send' frame needs a string 'body'", ref);
        }
        JsonValue to = json.get("to");
        if (to == null || to.getValueType() == JsonValue.ValueType.NULL) {
            return new Send(null, body, ref);
        }
        if (!(to instanceof JsonString recipient)) {
            return new Refused(ErrorCode.INVALID_FRAME, "'to' must be a string", ref);
        }
        return new Send(recipient.getString().isEmpty() ? null : recipient.getString(), body, ref);
    }

    private static String stringOrNull(JsonObject json, String key) {
        return json.get(key) instanceof JsonString value ? value.getString() : null;
    }
}
