package org.parley.cluster.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.cluster.entity.ServerLease;
import org.parley.cluster.entity.UserPlace;

/** The servers of the chat and who is online on which, in the shared database. Each call is its own transaction. */
@Stateless
public class Whereabouts {

    @Inject
    EntityManager em;

    /** Takes or renews the server's lease until {@code expiresAt} (epoch milliseconds). */
    public void renew(String server, long expiresAt) {
        ServerLease lease = em.find(ServerLease.class, server);
        if (lease == null) {
            em.persist(new ServerLease(server, expiresAt));
        } else {
            lease.renewUntil(expiresAt);
        }
    }

    /** Records who came online on the server and who went offline from it. */
    public void place(String server, Collection<String> online, Collection<String> offline) {
        for (String user : offline) {
            em.createNamedQuery(UserPlace.DELETE).setParameter("key", UserPlace.keyOf(server, user)).executeUpdate();
        }
        for (String user : online) {
            if (em.find(UserPlace.class, UserPlace.keyOf(server, user)) == null) {
                em.persist(new UserPlace(server, user));
            }
        }
    }

    /** @return the servers whose leases ran out before {@code now} (epoch milliseconds) */
    public List<String> expired(long now) {
        return em.createNamedQuery(ServerLease.EXPIRED, String.class).setParameter("now", now).getResultList();
    }

    /** Forgets a server that stopped or died, and who was online on it. */
    public void remove(String server) {
        em.createNamedQuery(UserPlace.DELETE_ON).setParameter("server", server).executeUpdate();
        em.createNamedQuery(ServerLease.DELETE).setParameter("server", server).executeUpdate();
    }

    /** @return each other server whose lease holds at {@code now}, with who is online on it */
    public Map<String, Set<String>> elsewhere(String server, long now) {
        Map<String, Set<String>> byServer = new HashMap<>();
        for (Object[] row : em.createNamedQuery(UserPlace.ELSEWHERE, Object[].class).setParameter("server", server)
                .setParameter("now", now).getResultList()) {
            byServer.computeIfAbsent((String) row[1], s -> new HashSet<>()).add((String) row[0]);
        }
        return byServer;
    }
}
