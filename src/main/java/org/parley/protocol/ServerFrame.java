package org.parley.protocol;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.parley.web.Json;

/**
 * What the server sends: JSON objects with a {@code type}. A frame is encoded once and the same text is written to
 * every connection that receives it.
 */
public sealed interface ServerFrame {

    JsonObjectBuilder toJson();

    default String encode() {
        return toJson().build().toString();
    }

    /**
     * {@code online}: everyone online, or in a crowd only the user's conversation partners who are; {@code count}:
     * how many are online. {@code openMode}: names need no account, so anyone may be anyone; the page must say so.
     */
    record Welcome(String user, List<String> online, int count, boolean crowd, Instant serverTime, int maxFrameBytes,
            boolean openMode) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            JsonObjectBuilder json = typed("welcome")
                    .add("user", user)
                    .add("online", names(online))
                    .add("count", count)
                    .add("crowd", crowd)
                    .add("serverTime", serverTime.toString())
                    .add("maxFrameBytes", maxFrameBytes);
            return openMode ? json.add("open", true) : json;
        }
    }

    /**
     * A chat message: {@code to} is null for one to everyone; {@code offline} marks one that reached this connection
     * by catching up rather than live.
     */
    record Chat(long seq, String id, String conversation, String from, String to, String body, Instant sentAt,
            boolean offline) implements ServerFrame {

        @Override
        public JsonObjectBuilder toJson() {
            JsonObjectBuilder json = typed("message").add("seq", seq).add("id", id)
                    .add("conversation", conversation).add("from", from);
            if (to != null) {
                json.add("to", to);
            }
            json.add("body", body).add("sentAt", sentAt.toString());
            if (offline) {
                json.add("offline", true);
            }
            return json;
        }
    }

    /**
     * An event of a room, numbered in its members' streams like a message: {@code event} says which ({@code created},
     * {@code joined}, {@code invited}, ...), {@code details} (a JSON object) what it changed, such as the person it
     * concerns or the new topic.
     */
    record RoomEvent(long seq, String id, String conversation, String from, String event, String details,
            Instant sentAt, boolean offline) implements ServerFrame {

        @Override
        public JsonObjectBuilder toJson() {
            JsonObjectBuilder json = typed("room-event").add("seq", seq).add("id", id)
                    .add("conversation", conversation).add("from", from).add("event", event);
            Json.PROVIDER.createReader(new StringReader(details)).readObject().forEach(json::add);
            json.add("sentAt", sentAt.toString());
            if (offline) {
                json.add("offline", true);
            }
            return json;
        }
    }

    /** Answer to an accepted send, once it is committed; {@code sentAt} is the time its recipients see. */
    record Ack(long seq, String id, String conversation, Instant sentAt, String ref) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return withRef(typed("ack").add("seq", seq).add("id", id).add("conversation", conversation)
                    .add("status", "stored").add("sentAt", sentAt.toString()), ref);
        }
    }

    /** Catching up is over: {@code count} messages came from the log, and everything up to {@code upTo} is here. */
    record CaughtUp(long upTo, int count) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return typed("caught-up").add("upTo", upTo).add("count", count);
        }
    }

    enum ReceiptStatus {
        DELIVERED, READ
    }

    /** Your direct messages in {@code conversation} up to {@code upTo} reached (or were read by) the other person. */
    record Receipt(String conversation, ReceiptStatus status, long upTo) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return typed("receipt").add("conversation", conversation)
                    .add("status", status == ReceiptStatus.DELIVERED ? "delivered" : "read").add("upTo", upTo);
        }
    }

    /** You read {@code conversation} up to {@code upTo}, on this device or another. */
    record ReadUpTo(String conversation, long upTo) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return typed("read").add("conversation", conversation).add("upTo", upTo);
        }
    }

    /** Who came online and who went offline since the connection's last presence frame, and how many are online. */
    record Presence(List<String> online, List<String> offline, int count) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return typed("presence").add("online", names(online)).add("offline", names(offline)).add("count", count);
        }
    }

    record Error(ErrorCode code, String message, String ref) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return withRef(typed("error").add("code", code.wireName()).add("message", message), ref);
        }
    }

    private static JsonArrayBuilder names(List<String> names) {
        JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
        names.forEach(array::add);
        return array;
    }

    private static JsonObjectBuilder typed(String type) {
        return Json.PROVIDER.createObjectBuilder().add("type", type);
    }

    private static JsonObjectBuilder withRef(JsonObjectBuilder json, String ref) {
        return ref == null ? json : json.add("ref", ref);
    }
}
