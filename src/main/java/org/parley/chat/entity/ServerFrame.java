package org.parley.chat.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import org.parley.message.entity.ChatMessage;

/**
 * What the server sends: JSON objects with a {@code type}. A frame is encoded once and the same text is written to
 * every connection that receives it.
 */
public sealed interface ServerFrame {

    JsonObjectBuilder toJson();

    default String encode() {
        return toJson().build().toString();
    }

    /** {@code openMode}: names need no account, so anyone may be anyone; the page must say so. */
    record Welcome(String user, List<String> online, Instant serverTime, int maxFrameBytes, boolean openMode)
            implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            JsonArrayBuilder names = Json.PROVIDER.createArrayBuilder();
            online.forEach(names::add);
            JsonObjectBuilder json = typed("welcome")
                    .add("user", user)
                    .add("online", names)
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

        public static Chat of(ChatMessage message, boolean offline) {
            return new Chat(message.seq(), message.messageId(), message.conversation().id(), message.sender(),
                    message.recipient(), message.body(), message.sentAt(), offline);
        }

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

    record Presence(String user, boolean online) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return typed("presence").add("user", user).add("status", online ? "online" : "offline");
        }
    }

    record Error(ErrorCode code, String message, String ref) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return withRef(typed("error").add("code", code.wireName()).add("message", message), ref);
        }
    }

    private static JsonObjectBuilder typed(String type) {
        return Json.PROVIDER.createObjectBuilder().add("type", type);
    }

    private static JsonObjectBuilder withRef(JsonObjectBuilder json, String ref) {
        return ref == null ? json : json.add("ref", ref);
    }
}
