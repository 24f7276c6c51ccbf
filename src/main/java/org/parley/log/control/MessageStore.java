package org.parley.log.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Conversation;
import org.parley.log.entity.LogFloor;

/**
 * The message log in the database, as JPA reads it ({@link LogWriter} writes it). Each call is its own transaction.
 */
@Stateless
public class MessageStore {

    @Inject
    EntityManager em;

    /**
     * Raises the highest number used to the newest message's, should a message be numbered past it: by a Parley of
     * before the log's head (an older version run on this database after a newer one), which numbered from its
     * newest message and left the head behind, so that the next batch would take numbers already used.
     */
    public void raiseHeadToNewest() {
        Long newest = em.createNamedQuery(ChatMessage.NEWEST, Long.class).getSingleResult();
        if (newest != null) {
            // only ever raised: another server's commit meanwhile has put it higher still
            em.createNamedQuery(LogFloor.RAISE_TO).setParameter("seq", newest).executeUpdate();
        }
    }

    /** The messages numbered in (after, upTo], oldest first: whatever of them is still kept. */
    public List<ChatMessage> between(long after, long upTo, int max) {
        return em.createNamedQuery(ChatMessage.BETWEEN, ChatMessage.class)
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * A stretch of a conversation that a user's stream holds, numbered in (after, upTo]: a room, from where the user
     * joined to where they left.
     */
    public record Stretch(String conversation, long after, long upTo) {
    }

    /**
     * The next messages of a user's stream after {@code after} and up to {@code upTo}, oldest first: direct messages
     * to and from them, those to everyone after {@code everyoneAfter}, and those of the {@code rooms} stretches;
     * none sent before {@code notBefore}. Read as ordered index ranges merged here: one query with OR over three
     * columns would scan the whole log.
     * <p>
     * {@code upTo} must be a message already committed when the read begins: a read at read-committed isolation
     * that runs while messages are inserted can return a later one and miss an earlier one (seen with Derby), but
     * never misses one committed before it began.
     */
    public List<ChatMessage> streamAfter(String user, long after, long upTo, long everyoneAfter, Instant notBefore,
            int max, List<Stretch> rooms) {
        List<List<ChatMessage>> ranges = new ArrayList<>(List.of(
                range(ChatMessage.TO_AFTER, "user", user, after, upTo, notBefore, max),
                range(ChatMessage.DIRECT_FROM_AFTER, "user", user, after, upTo, notBefore, max),
                range(ChatMessage.IN_AFTER, "conversation", Conversation.EVERYONE, Math.max(after, everyoneAfter),
                        upTo, notBefore, max)));
        for (Stretch room : rooms) {
            long from = Math.max(after, room.after());
            long to = Math.min(upTo, room.upTo());
            if (from < to) {
                ranges.add(range(ChatMessage.IN_AFTER, "conversation", room.conversation(), from, to, notBefore, max));
            }
        }
        return StreamMerge.firstOf(ranges, max);
    }

    private List<ChatMessage> range(String query, String parameter, String value, long after, long upTo,
            Instant notBefore, int max) {
        return em.createNamedQuery(query, ChatMessage.class)
                .setParameter(parameter, value)
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .setParameter("notBefore", notBefore.toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    /** Direct messages to {@code user} after {@code after} and sent after {@code notBefore}. */
    public long countTo(String user, long after, Instant notBefore) {
        return em.createNamedQuery(ChatMessage.COUNT_TO_AFTER, Long.class)
                .setParameter("user", user)
                .setParameter("after", after)
                .setParameter("notBefore", notBefore.toEpochMilli())
                .getSingleResult();
    }

    /** A page of a conversation, newest first, before {@code before}. */
    public List<ChatMessage> history(Conversation conversation, long before, int max) {
        return em.createNamedQuery(ChatMessage.IN_BEFORE, ChatMessage.class)
                .setParameter("conversation", conversation.id())
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    /** A page of a conversation, newest first, numbered from {@code from} and before {@code before}. */
    public List<ChatMessage> history(Conversation conversation, long from, long before, int max) {
        return em.createNamedQuery(ChatMessage.IN_FROM_BEFORE, ChatMessage.class)
                .setParameter("conversation", conversation.id())
                .setParameter("from", from)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    /** Messages (not a room's events) in the conversation after {@code after} that {@code user} did not send. */
    public long countUnread(Conversation conversation, String user, long after) {
        return em.createNamedQuery(ChatMessage.COUNT_UNREAD, Long.class)
                .setParameter("conversation", conversation.id())
                .setParameter("user", user)
                .setParameter("after", after)
                .getSingleResult();
    }

    /** Who sent {@code user} direct messages numbered in (after, upTo]. */
    public List<String> sendersTo(String user, long after, long upTo) {
        return em.createNamedQuery(ChatMessage.SENDERS_TO_BETWEEN, String.class)
                .setParameter("user", user)
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .getResultList();
    }

    /** The direct conversations {@code user} took part in, each with its latest message's number. */
    public Map<String, Long> directConversationsOf(String user) {
        Map<String, Long> latest = new TreeMap<>();
        for (String query : List.of(ChatMessage.DIRECT_CONVERSATIONS, ChatMessage.RECEIVED_CONVERSATIONS)) {
            TypedQuery<Object[]> rows = em.createNamedQuery(query, Object[].class).setParameter("user", user);
            for (Object[] row : rows.getResultList()) {
                latest.merge((String) row[0], ((Number) row[1]).longValue(), Math::max);
            }
        }
        return latest;
    }

    public ChatMessage bySeq(long seq) {
        return em.find(ChatMessage.class, seq);
    }

    /**
     * The numbers of up to {@code max} messages sent at or before {@code cutoff}, oldest first, read from the start
     * of the log up to the first one sent after it. Numbers are given in the order messages arrive, so the log is in
     * time order but for the clocks of servers that share it: one message stamped a moment early waits for the next
     * purge. Walking the primary key costs no index on the time, which every message would pay for.
     */
    public List<Long> sentBefore(Instant cutoff, int max) {
        List<Long> old = new ArrayList<>();
        for (Object[] row : em.createNamedQuery(ChatMessage.OLDEST, Object[].class).setMaxResults(max)
                .getResultList()) {
            if (((Number) row[1]).longValue() > cutoff.toEpochMilli()) {
                break;
            }
            old.add(((Number) row[0]).longValue());
        }
        return old;
    }

    /** The numbers of up to {@code max} direct messages whose recipients have confirmed them, oldest first. */
    public List<Long> confirmedDirect(int max) {
        return em.createNamedQuery(ChatMessage.CONFIRMED_DIRECT, Long.class).setMaxResults(max).getResultList();
    }

    public int delete(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return 0;
        }
        return em.createNamedQuery(ChatMessage.DELETE).setParameter("seqs", seqs).executeUpdate();
    }

    /** Deletes every message a user sent, and every direct message to them: for an account that is removed. */
    public int deleteAllOf(String user) {
        return em.createNamedQuery(ChatMessage.DELETE_FROM).setParameter("user", user).executeUpdate()
                + em.createNamedQuery(ChatMessage.DELETE_TO).setParameter("user", user).executeUpdate();
    }
}
