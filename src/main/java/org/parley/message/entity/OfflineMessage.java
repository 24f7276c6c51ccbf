package org.parley.message.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A direct message kept for a recipient who was offline when it was sent, until it is delivered or expires.
 * <p>
 * {@code seq} is the delivery order: it grows with each message stored, so one sender's messages come out in the
 * order they were sent. Times are epoch milliseconds because JPA 3.1 has no portable mapping for {@link Instant}.
 */
@Entity
@Table(name = "OFFLINE_MESSAGE", indexes = @Index(name = "OFFLINE_MESSAGE_BY_RECIPIENT", columnList = "RECIPIENT, SEQ"))
@NamedQuery(name = OfflineMessage.WAITING_FOR,
        query = "SELECT m FROM OfflineMessage m WHERE m.recipient = :recipient AND m.expiresAt > :now ORDER BY m.seq")
@NamedQuery(name = OfflineMessage.COUNT_WAITING_FOR,
        query = "SELECT COUNT(m) FROM OfflineMessage m WHERE m.recipient = :recipient AND m.expiresAt > :now")
@NamedQuery(name = OfflineMessage.DELETE_DELIVERED, query = "DELETE FROM OfflineMessage m WHERE m.seq IN :seqs")
@NamedQuery(name = OfflineMessage.DELETE_EXPIRED, query = "DELETE FROM OfflineMessage m WHERE m.expiresAt <= :now")
public class OfflineMessage {

    public static final String WAITING_FOR = "OfflineMessage.waitingFor";
    public static final String COUNT_WAITING_FOR = "OfflineMessage.countWaitingFor";
    public static final String DELETE_DELIVERED = "OfflineMessage.deleteDelivered";
    public static final String DELETE_EXPIRED = "OfflineMessage.deleteExpired";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "MESSAGE_ID", nullable = false, unique = true, length = 36)
    private String messageId;

    // 32 characters may take 64 UTF-16 units
    @Column(name = "SENDER", nullable = false, length = 64)
    private String sender;

    @Column(name = "RECIPIENT", nullable = false, length = 64)
    private String recipient;

    @Lob
    @Column(name = "BODY", nullable = false)
    private String body;

    @Column(name = "SENT_AT", nullable = false)
    private long sentAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected OfflineMessage() {
    }

    public OfflineMessage(String messageId, String sender, String recipient, String body, Instant sentAt,
            Instant expiresAt) {
        this.messageId = Objects.requireNonNull(messageId);
        this.sender = Objects.requireNonNull(sender);
        this.recipient = Objects.requireNonNull(recipient);
        this.body = Objects.requireNonNull(body);
        if (!expiresAt.isAfter(sentAt)) {
            throw new IllegalArgumentException("a message must expire after it was sent");
        }
        this.sentAt = sentAt.toEpochMilli();
        this.expiresAt = expiresAt.toEpochMilli();
    }

    public Long seq() {
        return seq;
    }

    public String messageId() {
        return messageId;
    }

    public String sender() {
        return sender;
    }

    public String recipient() {
        return recipient;
    }

    public String body() {
        return body;
    }

    public Instant sentAt() {
        return Instant.ofEpochMilli(sentAt);
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
