package org.parley.log.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.parley.log.entity.Conversation;
import org.parley.log.entity.DeliveryMark;
import org.parley.log.entity.ReadMark;

/**
 * How far each user's devices have received their stream, and how far each user has read each conversation. Marks
 * only move forward: an update names the mark it must exceed, so two devices confirming at once cannot move one
 * back. Each call is its own transaction.
 */
@Stateless
public class Marks {

    @Inject
    EntityManager em;

    public long deliveredTo(String user) {
        DeliveryMark mark = em.find(DeliveryMark.class, user);
        return mark == null ? 0 : mark.upTo();
    }

    /**
     * @return the mark before, when this moved it; empty when it was already at or past {@code upTo}. Two devices
     *         of one user creating the first mark at once: one of them fails, and its confirmation is repeated by
     *         its next one.
     */
    public OptionalLong advanceDelivered(String user, long upTo) {
        DeliveryMark mark = em.find(DeliveryMark.class, user);
        if (mark == null) {
            em.persist(new DeliveryMark(user, upTo));
            return OptionalLong.of(0);
        }
        long before = mark.upTo();
        int moved = em.createNamedQuery(DeliveryMark.ADVANCE).setParameter("user", user).setParameter("upTo", upTo)
                .executeUpdate();
        return moved == 0 ? OptionalLong.empty() : OptionalLong.of(before);
    }

    /** @return whether this moved the mark forward */
    public boolean advanceRead(String user, Conversation conversation, long upTo) {
        ReadMark mark = em.find(ReadMark.class, new ReadMark.Key(user, conversation.id()));
        if (mark == null) {
            em.persist(new ReadMark(user, conversation.id(), upTo));
            return true;
        }
        return em.createNamedQuery(ReadMark.ADVANCE).setParameter("user", user)
                .setParameter("conversation", conversation.id()).setParameter("upTo", upTo).executeUpdate() > 0;
    }

    /** @return conversation id → how far {@code user} has read it */
    public Map<String, Long> readBy(String user) {
        return em.createNamedQuery(ReadMark.OF_USER, ReadMark.class).setParameter("user", user).getResultList()
                .stream().collect(Collectors.toMap(ReadMark::conversation, ReadMark::upTo));
    }

    public long readBy(String user, Conversation conversation) {
        ReadMark mark = em.find(ReadMark.class, new ReadMark.Key(user, conversation.id()));
        return mark == null ? 0 : mark.upTo();
    }

    /** Forgets what a user received and read: for an account that is removed. */
    public void forget(String user) {
        em.createQuery("DELETE FROM DeliveryMark d WHERE d.user = :user").setParameter("user", user).executeUpdate();
        em.createQuery("DELETE FROM ReadMark r WHERE r.user = :user").setParameter("user", user).executeUpdate();
    }
}
