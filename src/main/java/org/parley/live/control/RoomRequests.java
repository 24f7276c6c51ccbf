package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.parley.account.control.KnownNames;
import org.parley.account.control.NamePolicy;
import org.parley.account.entity.UserName;
import org.parley.log.control.LogRefusal;
import org.parley.log.control.MessageLog;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Conversation;
import org.parley.protocol.ClientFrame;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Excerpt;
import org.parley.room.control.RoomQuota;
import org.parley.room.entity.History;
import org.parley.room.entity.Role;
import org.parley.room.entity.RoomEvent;
import org.parley.web.Json;

/**
 * Turns what a client asks of a room (a message to it, or a room frame) into an entry for the log, refusing what is
 * malformed on its face. Whether the asker may do it is decided as the entry is committed, on what the log holds then
 * ({@link org.parley.room.control.RoomLedger}); either way the client hears back as for any send: an ack once
 * committed, or an error frame with the code.
 */
@ApplicationScoped
public class RoomRequests {

    /** The longest topic, in code points. */
    static final int MAX_TOPIC = 500;
    private static final int ID_LENGTH = 16;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    KnownNames knownNames;

    @Inject
    MessageLog log;

    @Inject
    Refusals refusals;

    @Inject
    RoomQuota quota;

    /** A chat message to a room. */
    void send(Connection sender, ClientFrame.Send send, long arrived) {
        if (!Conversation.isRoomId(send.to())) {
            refusals.refuse(sender, ErrorCode.UNKNOWN_ROOM, "there is no room " + Excerpt.of(send.to())
                    + " that you can see", send.ref());
            return;
        }
        append(sender, ChatMessage.inRoom(UUID.randomUUID().toString(), sender.user().value(), send.to(), null,
                send.body(), MessageRouter.now()), send.ref(), arrived);
    }

    void act(Connection sender, ClientFrame.Room frame) {
        long arrived = System.nanoTime();
        String actor = sender.user().value();
        JsonObjectBuilder details = Json.PROVIDER.createObjectBuilder();
        String room = frame.room();
        if (frame.action() == ClientFrame.RoomAction.CREATE) {
            room = newRoomId();
        } else if (!Conversation.isRoomId(room)) {
            refusals.refuse(sender, ErrorCode.UNKNOWN_ROOM, "there is no room " + Excerpt.of(room)
                    + " that you can see", frame.ref());
            return;
        }
        Optional<Problem> problem = detailsOf(frame, actor, details).or(() -> quotaOf(frame, actor));
        if (problem.isPresent()) {
            refusals.refuse(sender, problem.get().code(), problem.get().message(), frame.ref());
            return;
        }
        append(sender, ChatMessage.inRoom(UUID.randomUUID().toString(), actor, room, eventOf(frame).wireName(),
                details.build().toString(), MessageRouter.now()), frame.ref(), arrived);
    }

    /** Why a frame cannot be done, whoever asks. */
    private record Problem(ErrorCode code, String message) {

        static Optional<Problem> invalid(String message) {
            return Optional.of(new Problem(ErrorCode.INVALID_ROOM, message));
        }
    }

    /** Fills in what the event says; @return why the frame cannot be done, whoever asks */
    private Optional<Problem> detailsOf(ClientFrame.Room frame, String actor, JsonObjectBuilder details) {
        if (frame.name() != null) {
            Optional<String> refusal = NamePolicy.refusalOfRoomName(frame.name());
            if (refusal.isPresent()) {
                return Problem.invalid(refusal.get());
            }
            details.add("name", frame.name());
        }
        if (frame.topic() != null) {
            if (frame.topic().codePointCount(0, frame.topic().length()) > MAX_TOPIC) {
                return Problem.invalid("a topic has at most " + MAX_TOPIC + " characters");
            }
            details.add("topic", frame.topic());
        }
        if (frame.action() == ClientFrame.RoomAction.CREATE) {
            boolean open = Boolean.TRUE.equals(frame.open());
            details.add("public", open);
            History history = History.defaultFor(open);
            if (frame.history() != null) {
                Optional<History> asked = History.of(frame.history());
                if (asked.isEmpty()) {
                    return Problem.invalid("'history' is shared or joined");
                }
                history = asked.get();
            }
            details.add("history", history.wireName());
        }
        if (frame.role() != null) {
            Optional<Role> role = Role.of(frame.role());
            if (role.isEmpty()) {
                return Problem.invalid("'role' is owner, moderator or member");
            }
            details.add("role", role.get().wireName());
        }
        if (frame.action().concernsAnother()) {
            Optional<String> person = personOf(frame.person());
            if (person.isEmpty()) {
                return Optional.of(new Problem(ErrorCode.UNKNOWN_USER, "nobody is called "
                        + Excerpt.of(frame.person())));
            }
            details.add("person", person.get());
        } else if (frame.action() != ClientFrame.RoomAction.CREATE
                && frame.action() != ClientFrame.RoomAction.SETTINGS && frame.action() != ClientFrame.RoomAction.CLOSE) {
            details.add("person", actor);
        }
        return Optional.empty();
    }

    /** Counted once the frame is otherwise fit to go: a malformed one uses up nothing. */
    private Optional<Problem> quotaOf(ClientFrame.Room frame, String actor) {
        RoomQuota.Kind kind = frame.action() == ClientFrame.RoomAction.INVITE ? RoomQuota.Kind.INVITE
                : frame.action() == ClientFrame.RoomAction.CREATE ? RoomQuota.Kind.CREATE : null;
        return kind == null ? Optional.empty() : quota.take(actor, kind, Instant.now())
                .map(why -> new Problem(ErrorCode.ROOM_QUOTA, why));
    }

    /** @return the account a name leads to, as it spells itself */
    private Optional<String> personOf(String typed) {
        try {
            String name = UserName.parse(typed).value();
            return knownNames.addressee(name);
        } catch (UserName.InvalidUserName e) {
            return Optional.empty();
        }
    }

    private static RoomEvent eventOf(ClientFrame.Room frame) {
        return switch (frame.action()) {
            case CREATE -> RoomEvent.CREATED;
            case JOIN -> RoomEvent.JOINED;
            case LEAVE -> RoomEvent.LEFT;
            case DECLINE -> RoomEvent.DECLINED;
            case INVITE -> RoomEvent.INVITED;
            case KICK -> RoomEvent.KICKED;
            case BAN -> RoomEvent.BANNED;
            case UNBAN -> RoomEvent.UNBANNED;
            case ROLE -> RoomEvent.ROLE;
            case SETTINGS -> frame.name() != null ? RoomEvent.RENAMED : RoomEvent.TOPIC;
            case CLOSE -> RoomEvent.CLOSED;
        };
    }

    /**
     * Closes a room for an operator, whatever their place in it: everyone in it leaves with the entry.
     *
     * @return completes once the closing is committed and pushed, or with the {@link LogRefusal} or failure
     */
    public CompletableFuture<ChatMessage> closeAsOperator(String operator, String room) {
        CompletableFuture<ChatMessage> done = new CompletableFuture<>();
        if (!Conversation.isRoomId(room)) {
            done.completeExceptionally(new LogRefusal(ErrorCode.UNKNOWN_ROOM,
                    "no room has the id " + Excerpt.of(room)));
            return done;
        }
        String details = Json.PROVIDER.createObjectBuilder().add("operator", true).build().toString();
        log.append(ChatMessage.inRoom(UUID.randomUUID().toString(), operator, room, RoomEvent.CLOSED.wireName(),
                details, MessageRouter.now()), new Fanout.Awaited(done), done::completeExceptionally);
        return done;
    }

    private void append(Connection sender, ChatMessage entry, String ref, long arrived) {
        log.append(entry, new Fanout.Sent(sender, ref, arrived), failure -> refuse(sender, failure, ref));
    }

    /** A refusal of the log's admission is the asker's to hear; any other failure means nothing was stored. */
    void refuse(Connection sender, RuntimeException failure, String ref) {
        if (failure instanceof LogRefusal refused) {
            refusals.refuse(sender, refused.code(), refused.getMessage(), ref);
        } else {
            refusals.refuse(sender, ErrorCode.UNAVAILABLE,
                    "the message could not be stored; nothing was sent, try again", ref);
        }
    }

    private static String newRoomId() {
        StringBuilder id = new StringBuilder("#");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
