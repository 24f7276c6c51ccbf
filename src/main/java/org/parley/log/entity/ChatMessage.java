package org.parley.log.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.parley.protocol.ServerFrame;

/**
 * One entry in the log: a chat message (direct, to everyone or to a room), or an event of a room (someone joined,
 * was invited, banned, made a moderator; the topic changed), kept whether or not anyone was online to receive it.
 * A room's events are numbered with its messages, so its state at any point is what its entries up to there say.
 * <p>
 * {@code seq} is the message's place in every stream it belongs to: it grows with each message committed, so a
 * client that says "I have everything up to 41" is sent exactly what came after. Times are epoch milliseconds
 * because JPA 3.1 has no portable mapping for {@link Instant}. The table and its indexes are made by the migrations
 * (db/changelog.xml), not by JPA.
 */
@Entity
@Table(name = "MESSAGE")
@NamedQuery(name = ChatMessage.TO_AFTER, query = "SELECT m FROM ChatMessage m WHERE m.recipient = :user"
        + " AND m.seq > :after AND m.seq <= :upTo AND m.sentAt > :notBefore ORDER BY m.seq")
@NamedQuery(name = ChatMessage.DIRECT_FROM_AFTER, query = "SELECT m FROM ChatMessage m WHERE m.sender = :user"
        + " AND m.recipient IS NOT NULL AND m.seq > :after AND m.seq <= :upTo AND m.sentAt > :notBefore ORDER BY m.seq")
@NamedQuery(name = ChatMessage.IN_AFTER, query = "SELECT m FROM ChatMessage m WHERE m.conversation = :conversation"
        + " AND m.seq > :after AND m.seq <= :upTo AND m.sentAt > :notBefore ORDER BY m.seq")
@NamedQuery(name = ChatMessage.IN_BEFORE, query = "SELECT m FROM ChatMessage m WHERE m.conversation = :conversation"
        + " AND m.seq < :before ORDER BY m.seq DESC")
@NamedQuery(name = ChatMessage.IN_FROM_BEFORE, query = "SELECT m FROM ChatMessage m"
        + " WHERE m.conversation = :conversation AND m.seq >= :from AND m.seq < :before ORDER BY m.seq DESC")
@NamedQuery(name = ChatMessage.COUNT_TO_AFTER, query = "SELECT COUNT(m) FROM ChatMessage m"
        + " WHERE m.recipient = :user AND m.seq > :after AND m.sentAt > :notBefore")
@NamedQuery(name = ChatMessage.COUNT_UNREAD, query = "SELECT COUNT(m) FROM ChatMessage m"
        + " WHERE m.conversation = :conversation AND m.seq > :after AND m.sender <> :user AND m.kind IS NULL")
@NamedQuery(name = ChatMessage.SENDERS_TO_BETWEEN, query = "SELECT DISTINCT m.sender FROM ChatMessage m"
        + " WHERE m.recipient = :user AND m.seq > :after AND m.seq <= :upTo")
@NamedQuery(name = ChatMessage.DIRECT_CONVERSATIONS, query = "SELECT m.conversation, MAX(m.seq) FROM ChatMessage m"
        + " WHERE m.sender = :user AND m.recipient IS NOT NULL GROUP BY m.conversation")
@NamedQuery(name = ChatMessage.RECEIVED_CONVERSATIONS, query = "SELECT m.conversation, MAX(m.seq) FROM ChatMessage m"
        + " WHERE m.recipient = :user GROUP BY m.conversation")
@NamedQuery(name = ChatMessage.NEWEST, query = "SELECT MAX(m.seq) FROM ChatMessage m")
@NamedQuery(name = ChatMessage.BETWEEN, query = "SELECT m FROM ChatMessage m WHERE m.seq > :after AND m.seq <= :upTo"
        + " ORDER BY m.seq")
@NamedQuery(name = ChatMessage.OLDEST, query = "SELECT m.seq, m.sentAt FROM ChatMessage m ORDER BY m.seq")
@NamedQuery(name = ChatMessage.CONFIRMED_DIRECT, query = "SELECT m.seq FROM ChatMessage m, DeliveryMark d"
        + " WHERE m.recipient = d.user AND m.seq <= d.upTo ORDER BY m.seq")
@NamedQuery(name = ChatMessage.DELETE, query = "DELETE FROM ChatMessage m WHERE m.seq IN :seqs")
// two statements, not one with OR: Derby reads an OR over two columns by scanning the whole log
@NamedQuery(name = ChatMessage.DELETE_FROM, query = "DELETE FROM ChatMessage m WHERE m.sender = :user")
@NamedQuery(name = ChatMessage.DELETE_TO, query = "DELETE FROM ChatMessage m WHERE m.recipient = :user")
public class ChatMessage {

    public static final String TO_AFTER = "ChatMessage.toAfter";
    public static final String DIRECT_FROM_AFTER = "ChatMessage.directFromAfter";
    public static final String IN_AFTER = "ChatMessage.inAfter";
    public static final String IN_BEFORE = "ChatMessage.inBefore";
    public static final String IN_FROM_BEFORE = "ChatMessage.inFromBefore";
    public static final String COUNT_TO_AFTER = "ChatMessage.countToAfter";
    public static final String COUNT_UNREAD = "ChatMessage.countUnread";
    public static final String SENDERS_TO_BETWEEN = "ChatMessage.sendersToBetween";
    public static final String DIRECT_CONVERSATIONS = "ChatMessage.directConversations";
    public static final String RECEIVED_CONVERSATIONS = "ChatMessage.receivedConversations";
    public static final String BETWEEN = "ChatMessage.between";
    public static final String NEWEST = "ChatMessage.newest";
    public static final String OLDEST = "ChatMessage.oldest";
    public static final String CONFIRMED_DIRECT = "ChatMessage.confirmedDirect";
    public static final String DELETE = "ChatMessage.delete";
    public static final String DELETE_FROM = "ChatMessage.deleteFrom";
    public static final String DELETE_TO = "ChatMessage.deleteTo";

    // numbered by the log's writer (LogWriter), not by an identity column: then a batch is inserted in one JDBC batch,
    // with no round trip per row to learn its key
    @Id
    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "MESSAGE_ID", nullable = false, length = 36)
    private String messageId;

    @Column(name = "CONVERSATION", nullable = false, length = Conversation.MAX_ID_LENGTH)
    private String conversation;

    @Column(name = "SENDER", nullable = false, length = 64)
    private String sender;

    // null: to everyone, or to a room
    @Column(name = "RECIPIENT", length = 64)
    private String recipient;

    // null: a chat message; else which event of a room this is, its details in the body as a JSON object
    @Column(name = "KIND", length = 16)
    private String kind;

    // a CLOB (Derby) or TEXT (PostgreSQL), read and written as a string: no @Lob, which Hibernate maps to
    // PostgreSQL large objects
    @Column(name = "BODY", nullable = false)
    private String body;

    @Column(name = "SENT_AT", nullable = false)
    private long sentAt;

    protected ChatMessage() {
    }

    public ChatMessage(String messageId, String sender, String recipient, String body, Instant sentAt) {
        this.messageId = Objects.requireNonNull(messageId);
        this.sender = Objects.requireNonNull(sender);
        this.recipient = recipient;
        this.conversation = (recipient == null ? Conversation.everyone() : Conversation.between(sender, recipient))
                .id();
        this.body = Objects.requireNonNull(body);
        this.sentAt = sentAt.toEpochMilli();
    }

    /**
     * An entry of a room: a message when {@code kind} is null, else an event with its details in {@code body}.
     */
    public static ChatMessage inRoom(String messageId, String sender, String room, String kind, String body,
            Instant sentAt) {
        ChatMessage entry = new ChatMessage();
        entry.messageId = Objects.requireNonNull(messageId);
        entry.sender = Objects.requireNonNull(sender);
        entry.conversation = Conversation.room(room).id();
        entry.kind = kind;
        entry.body = Objects.requireNonNull(body);
        entry.sentAt = sentAt.toEpochMilli();
        return entry;
    }

    public long seq() {
        return seq;
    }

    /** This message with its place in the log, given just before it is committed. */
    public ChatMessage numbered(long place) {
        ChatMessage numbered = new ChatMessage();
        numbered.seq = place;
        numbered.messageId = messageId;
        numbered.conversation = conversation;
        numbered.sender = sender;
        numbered.recipient = recipient;
        numbered.kind = kind;
        numbered.body = body;
        numbered.sentAt = sentAt;
        return numbered;
    }

    public String messageId() {
        return messageId;
    }

    public Conversation conversation() {
        return Conversation.parse(conversation).orElseThrow();
    }

    /** The conversation's id as stored: what the log and the frames carry, with no parse on the message path. */
    public String conversationId() {
        return conversation;
    }

    public String sender() {
        return sender;
    }

    /** @return the recipient of a direct message, or null for an entry to everyone or to a room */
    public String recipient() {
        return recipient;
    }

    public boolean isBroadcast() {
        return Conversation.EVERYONE.equals(conversation);
    }

    public boolean isDirect() {
        return recipient != null;
    }

    public boolean isInRoom() {
        return conversation.charAt(0) == '#';
    }

    /** @return which event of a room this entry is, or null for a chat message */
    public String kind() {
        return kind;
    }

    public String body() {
        return body;
    }

    public Instant sentAt() {
        return Instant.ofEpochMilli(sentAt);
    }

    /** The entry as the protocol shows it; {@code offline} when it reached the connection by catching up. */
    public ServerFrame toFrame(boolean offline) {
        if (kind != null) {
            return new ServerFrame.RoomEvent(seq(), messageId(), conversationId(), sender(), kind, body(), sentAt(),
                    offline);
        }
        return new ServerFrame.Chat(seq(), messageId(), conversationId(), sender(), recipient(), body(), sentAt(),
                offline);
    }
}
