package org.parley.cluster.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;

/**
 * What one Parley server tells the others of its chat, as one JSON text on the shared topic. A hint only saves
 * time: whatever it says is in the shared database first, and a hint that is lost costs a delay, never a message.
 * Every hint names the server that sent it, so that a server ignores its own.
 */
public sealed interface Hint {

    JsonProvider JSON = JsonProvider.provider();

    String server();

    /** Adds what this kind of hint says to the JSON that carries it. */
    JsonObjectBuilder addTo(JsonObjectBuilder json);

    /**
     * Messages the server committed to the log, in their order: whole where a connection of another server may want
     * them, as headers where none was thought to.
     */
    record Messages(String server, List<ChatMessage> messages, List<Header> headers) implements Hint {

        public Messages(String server, List<ChatMessage> messages) {
            this(server, messages, List.of());
        }

        @Override
        public JsonObjectBuilder addTo(JsonObjectBuilder json) {
            JsonArrayBuilder heads = JSON.createArrayBuilder();
            for (Header header : headers) {
                heads.add(JSON.createObjectBuilder().add("seq", header.seq()).add("from", header.sender())
                        .add("to", header.recipient()));
            }
            JsonArrayBuilder array = JSON.createArrayBuilder();
            for (ChatMessage message : messages) {
                JsonObjectBuilder one = JSON.createObjectBuilder().add("seq", message.seq())
                        .add("id", message.messageId()).add("from", message.sender())
                        .add("body", message.body()).add("sentAt", message.sentAt().toEpochMilli());
                if (message.recipient() != null) {
                    one.add("to", message.recipient());
                }
                if (message.isInRoom()) {
                    one.add("room", message.conversationId());
                    if (message.kind() != null) {
                        one.add("event", message.kind());
                    }
                }
                array.add(one);
            }
            return json.add("kind", "messages").add("messages", array).add("headers", heads);
        }
    }

    /** People who came online on the server (their first connection there) or went offline from it (their last). */
    record Places(String server, List<String> online, List<String> offline) implements Hint {
        @Override
        public JsonObjectBuilder addTo(JsonObjectBuilder json) {
            return json.add("kind", "places").add("online", JSON.createArrayBuilder(online))
                    .add("offline", JSON.createArrayBuilder(offline));
        }
    }

    /** Close every connection of this user with this reason (signed out, suspended, removed, disconnected). */
    record Dismiss(String server, String user, String reason) implements Hint {
        @Override
        public JsonObjectBuilder addTo(JsonObjectBuilder json) {
            return json.add("kind", "dismiss").add("user", user).add("reason", reason);
        }
    }

    /** The account of this name was removed: the name leads to nobody, until someone takes it again. */
    record Removed(String server, String user) implements Hint {
        @Override
        public JsonObjectBuilder addTo(JsonObjectBuilder json) {
            return json.add("kind", "removed").add("user", user);
        }
    }

    /** A frame for every connection of this user (a receipt, what another device read). */
    record Tell(String server, String user, String frame) implements Hint {
        @Override
        public JsonObjectBuilder addTo(JsonObjectBuilder json) {
            return json.add("kind", "tell").add("user", user).add("frame", frame);
        }
    }

    /** The server is stopping: nobody is online there any more. */
    record Gone(String server) implements Hint {
        @Override
        public JsonObjectBuilder addTo(JsonObjectBuilder json) {
            return json.add("kind", "gone");
        }
    }

    /** Thrown for a text that is not a hint of this version: another chat's, or garbage on the topic. */
    final class Unreadable extends RuntimeException {
        Unreadable(String why, Throwable cause) {
            super(why, cause);
        }
    }

    default String encode() {
        return addTo(JSON.createObjectBuilder().add("v", 1).add("server", server())).build().toString();
    }

    static Hint decode(String text) {
        try {
            JsonObject json = JSON.createReader(new StringReader(text)).readObject();
            if (json.getInt("v") != 1) {
                throw new Unreadable("a hint of version " + json.getInt("v"), null);
            }
            String server = json.getString("server");
            return switch (json.getString("kind")) {
                case "messages" -> new Messages(server, json.getJsonArray("messages").getValuesAs(JsonObject.class)
                        .stream().map(Hint::message).toList(), headers(json));
                case "places" -> new Places(server, names(json.getJsonArray("online")),
                        names(json.getJsonArray("offline")));
                case "dismiss" -> new Dismiss(server, json.getString("user"), json.getString("reason"));
                case "removed" -> new Removed(server, json.getString("user"));
                case "tell" -> new Tell(server, json.getString("user"), json.getString("frame"));
                case "gone" -> new Gone(server);
                default -> throw new Unreadable("a hint of unknown kind " + json.getString("kind"), null);
            };
        } catch (RuntimeException e) {
            if (e instanceof Unreadable unreadable) {
                throw unreadable;
            }
            // Parsson's errors for malformed or wrongly typed JSON are of several kinds, all runtime
            throw new Unreadable("not a hint: " + e.getMessage(), e);
        }
    }

    private static ChatMessage message(JsonObject json) {
        Instant sentAt = Instant.ofEpochMilli(json.getJsonNumber("sentAt").longValue());
        ChatMessage message = json.containsKey("room")
                ? ChatMessage.inRoom(json.getString("id"), json.getString("from"), json.getString("room"),
                        json.getString("event", null), json.getString("body"), sentAt)
                : new ChatMessage(json.getString("id"), json.getString("from"), json.getString("to", null),
                        json.getString("body"), sentAt);
        return message.numbered(json.getJsonNumber("seq").longValue());
    }

    // a server of a version that sent every message whole sends no headers
    private static List<Header> headers(JsonObject json) {
        return !json.containsKey("headers") ? List.of() : json.getJsonArray("headers").getValuesAs(JsonObject.class)
                .stream().map(head -> new Header(head.getJsonNumber("seq").longValue(), head.getString("from"),
                        head.getString("to"))).toList();
    }

    private static List<String> names(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
