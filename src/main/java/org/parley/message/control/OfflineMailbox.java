package org.parley.message.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.parley.message.entity.OfflineMessage;

/**
 * The store of messages kept for offline users. Each call is its own transaction, so what a caller is told was
 * kept or removed is already committed.
 */
@Stateless
public class OfflineMailbox {

    @Inject
    EntityManager em;

    /**
     * Keeps the message unless its recipient already has {@code capacity} messages waiting.
     *
     * @return whether it was kept
     */
    public boolean keep(OfflineMessage message, int capacity) {
        if (countWaitingFor(message.recipient(), message.sentAt()) >= capacity) {
            return false;
        }
        em.persist(message);
        return true;
    }

    /**
     * Keeps every one of these, beyond any cap, in one transaction: messages a connection took but never wrote,
     * whose senders were already told they arrived. One commit for the lot, as there may be a thousand.
     */
    public void keepAll(List<OfflineMessage> messages) {
        for (OfflineMessage message : messages) {
            em.persist(message);
            // one insert at a time: the store numbers them in the order they are inserted, which is their order
            em.flush();
        }
    }

    /** The oldest unexpired messages waiting for {@code recipient}, at most {@code max}, oldest first. */
    public List<OfflineMessage> waitingFor(String recipient, Instant now, int max) {
        return em.createNamedQuery(OfflineMessage.WAITING_FOR, OfflineMessage.class)
                .setParameter("recipient", recipient)
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    public long countWaitingFor(String recipient, Instant now) {
        return em.createNamedQuery(OfflineMessage.COUNT_WAITING_FOR, Long.class)
                .setParameter("recipient", recipient)
                .setParameter("now", now.toEpochMilli())
                .getSingleResult();
    }

    /** Removes messages that reached their recipient; one transaction for the lot. */
    public int discardDelivered(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return 0;
        }
        return em.createNamedQuery(OfflineMessage.DELETE_DELIVERED).setParameter("seqs", seqs).executeUpdate();
    }

    public int purgeExpired(Instant now) {
        return em.createNamedQuery(OfflineMessage.DELETE_EXPIRED).setParameter("now", now.toEpochMilli())
                .executeUpdate();
    }
}
