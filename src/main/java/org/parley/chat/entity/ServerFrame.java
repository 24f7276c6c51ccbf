package org.parley.chat.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

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

    /** A chat message; {@code to} is null for a broadcast, {@code offline} marks delivery of a kept message. */
    record Chat(String id, String from, String to, String body, Instant sentAt, boolean offline)
            implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            JsonObjectBuilder json = typed("message").add("id", id).add("from", from);
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

    enum Delivery {
        DELIVERED, STORED
    }

    /** Answer to an accepted send; {@code sentAt} is the server's time for it, the same its recipients see. */
    record Ack(String id, Delivery status, Instant sentAt, String ref) implements ServerFrame {
        @Override
        public JsonObjectBuilder toJson() {
            return withRef(typed("ack").add("id", id)
                    .add("status", status == Delivery.DELIVERED ? "delivered" : "stored")
                    .add("sentAt", sentAt.toString()), ref);
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
