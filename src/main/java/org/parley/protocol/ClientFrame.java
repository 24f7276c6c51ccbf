package org.parley.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
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

    /** A message to one user, or to everyone when {@code to} is null. */
    record Send(String to, String body, String ref) implements ClientFrame {
        public boolean isBroadcast() {
            return to == null;
        }
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
            default -> new Refused(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + abbreviated(type) + "'", ref);
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
                return new Refused(ErrorCode.INVALID_RECIPIENT, "'" + abbreviated(name.getString()) + "': "
                        + e.getMessage(), ref);
            }
        }
        return new Watch(users);
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

    private static String abbreviated(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "…";
    }
}
