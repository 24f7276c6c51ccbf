package org.parley.log.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** How far a user has read one conversation, on whichever device: what is after it counts as unread. */
@Entity
@Table(name = "READ_MARK")
@IdClass(ReadMark.Key.class)
@NamedQuery(name = ReadMark.OF_USER, query = "SELECT r FROM ReadMark r WHERE r.user = :user")
@NamedQuery(name = ReadMark.ADVANCE, query = "UPDATE ReadMark r SET r.upTo = :upTo"
        + " WHERE r.user = :user AND r.conversation = :conversation AND r.upTo < :upTo")
public class ReadMark {

    public static final String ADVANCE = "ReadMark.advance";

    public static final String OF_USER = "ReadMark.ofUser";

    /** The identity JPA needs for a two-column key: a plain class, which every provider can fill. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String user;
        private String conversation;

        public Key() {
        }

        public Key(String user, String conversation) {
            this.user = user;
            this.conversation = conversation;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(user, key.user)
                    && Objects.equals(conversation, key.conversation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, conversation);
        }
    }

    @Id
    @Column(name = "USER_NAME", length = 64)
    private String user;

    @Id
    @Column(name = "CONVERSATION", length = Conversation.MAX_ID_LENGTH)
    private String conversation;

    @Column(name = "UP_TO", nullable = false)
    private long upTo;

    protected ReadMark() {
    }

    public ReadMark(String user, String conversation, long upTo) {
        this.user = user;
        this.conversation = conversation;
        this.upTo = upTo;
    }

    public String conversation() {
        return conversation;
    }

    public long upTo() {
        return upTo;
    }

    public void moveTo(long seq) {
        upTo = seq;
    }
}
