package org.parley.cluster.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;
import org.parley.account.control.KnownNames;
import org.parley.account.entity.AccountRemoved;
import org.parley.cluster.entity.Hint;
import org.parley.live.control.Connections;
import org.parley.live.control.LiveSettings;
import org.parley.live.control.Lobby;
import org.parley.log.control.MessageLog;

/**
 * This server among the others of its chat, when {@code parley.cluster.connectionFactory} names a connection
 * factory; otherwise it does nothing, and the server is the only one.
 * <p>
 * The shared database is the truth, the topic ({@link ClusterBus}) carries hints of it. Every message a server
 * commits is told to the others, who push it to their connections in the log's order; a hint that never comes is
 * read from the log ({@link MessageLog#checkHead}, every second). Who comes online here and who leaves is written to
 * the database ({@link Whereabouts}), then told. Every server holds a lease it renews; when a server's lease runs out
 * (killed, cut off), the others forget it, and its people are shown offline unless they are online elsewhere.
 */
@Singleton
@Startup
@DependsOn("Schema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class.getName());
    private static final long HEAD_CHECK_MILLIS = 1000;

    @Inject
    ClusterBus bus;

    @Inject
    Whereabouts whereabouts;

    @Inject
    HintsOut hintsOut;

    @Inject
    ClusterSettings settings;

    @Inject
    LiveSettings liveSettings;

    @Inject
    Lobby lobby;

    @Inject
    Connections connections;

    @Inject
    MessageLog log;

    @Inject
    VoidedConnections voided;

    @Inject
    KnownNames knownNames;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private String me;
    private boolean clustered;
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    // how many hints of whereabouts each server sent: a sweep leaves alone a server that spoke while it read
    private final Map<String, AtomicLong> heardFrom = new ConcurrentHashMap<>();
    private volatile long ownHintSentAt;
    private volatile long lastHeardAt;

    // said again on the callbacks: Payara runs a singleton's @PostConstruct in a new transaction unless the method
    // itself says otherwise, and the lease taken here stayed uncommitted while the first sweep, on another thread,
    // took it too (a duplicate key; who is online on the other servers unknown until the next sweep)
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        var factory = settings.connectionFactory();
        if (factory.isEmpty()) {
            return;
        }
        clustered = true;
        me = bus.self();
        whereabouts.renew(me, System.currentTimeMillis() + lease());
        try {
            bus.start(factory.get(), settings.topic().orElseThrow(), this::heard);
        } catch (NamingException e) {
            throw new IllegalStateException("Setting " + ClusterSettings.factoryProperty()
                    + " names " + factory.get() + ", which is not a connection factory of this server", e);
        }
        long sweepEvery = Math.max(1000, lease() / 3);
        // the first sweep at once: who is online on the others is known before the first person here is welcomed
        schedules.add(every(0, sweepEvery, this::sweep));
        schedules.add(every(HEAD_CHECK_MILLIS, HEAD_CHECK_MILLIS, log::checkHead));
        long placesEvery = liveSettings.presenceInterval().toMillis();
        schedules.add(every(placesEvery, placesEvery, this::flushPlaces));
        long headersEvery = HintsOut.HEADERS_HELD.toMillis();
        schedules.add(every(headersEvery, headersEvery, hintsOut::tellHeld));
        LOG.info(() -> "This server is " + me + " in a chat of several; a server is taken for gone "
                + settings.lease() + " after its last heartbeat");
    }

    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void stop() {
        if (!clustered) {
            return;
        }
        schedules.forEach(schedule -> schedule.cancel(false));
        hintsOut.tellHeld();
        try {
            whereabouts.remove(me);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give up this server's lease; the others take it for gone when it"
                    + " runs out", e);
        }
        bus.publish(new Hint.Gone(me));
        bus.stop();
    }

    /** After the removal's commit: before it, another server could still find the account and keep its name. */
    public void removed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved removed) {
        if (clustered) {
            bus.publish(new Hint.Removed(me, removed.name()));
        }
    }

    private void heard(Hint hint) {
        // any hint shows the topic still reaches here: behind a backlog of others' hints, the echo comes late
        lastHeardAt = System.nanoTime();
        if (hint.server().equals(me)) {
            return;
        }
        if (hint instanceof Hint.Messages messages) {
            log.committedElsewhere(messages.messages(), messages.headers());
        } else if (hint instanceof Hint.Places places) {
            heardFrom.computeIfAbsent(places.server(), s -> new AtomicLong()).incrementAndGet();
            places.offline().forEach(user -> lobby.placedElsewhere(user, places.server(), false));
            places.online().forEach(user -> lobby.placedElsewhere(user, places.server(), true));
        } else if (hint instanceof Hint.Tell tell) {
            connections.connectionsOf(tell.user()).forEach(connection -> connection.send(tell.frame()));
        } else if (hint instanceof Hint.Dismiss dismiss) {
            lobby.dismissHere(dismiss.user(), dismiss.reason());
        } else if (hint instanceof Hint.Removed removed) {
            knownNames.forget(removed.user());
        } else if (hint instanceof Hint.Gone gone) {
            heardFrom.computeIfAbsent(gone.server(), s -> new AtomicLong()).incrementAndGet();
            forget(gone.server());
        }
    }

    /** Writes who came and went here since the last flush, then tells the others. */
    private void flushPlaces() {
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        hintsOut.drainPlaces().forEach((user, isOnline) -> (isOnline ? online : offline).add(user));
        if (online.isEmpty() && offline.isEmpty()) {
            return;
        }
        try {
            whereabouts.place(me, online, offline);
        } catch (RuntimeException e) {
            // told anyway: the next sweep of the others sets what they heard right by the database
            LOG.log(Level.WARNING, "Could not record who came and went on this server", e);
        }
        bus.publish(new Hint.Places(me, online, offline));
    }

    /**
     * Renews this server's lease; forgets servers whose leases ran out; sets what this server believes of the others
     * right by the database, where a hint was lost; checks that something still comes from the topic, at least
     * the hint this server sends itself; and forgets the accounts removed elsewhere that it knows of.
     */
    private void sweep() {
        long now = System.currentTimeMillis();
        whereabouts.renew(me, now + lease());
        for (String dead : whereabouts.expired(now)) {
            LOG.warning(() -> "Server " + dead + " of the chat stopped renewing its lease; its people are offline");
            whereabouts.remove(dead);
            forget(dead);
        }
        Map<String, Long> spoke = new LinkedHashMap<>();
        heardFrom.forEach((server, count) -> spoke.put(server, count.get()));
        Map<String, Set<String>> inDatabase = whereabouts.elsewhere(me, now);
        Map<String, Set<String>> believed = connections.elsewhereByServer();
        for (String server : union(inDatabase.keySet(), believed.keySet())) {
            AtomicLong count = heardFrom.get(server);
            if (count != null && count.get() != spoke.getOrDefault(server, -1L)) {
                continue;
            }
            Set<String> there = inDatabase.getOrDefault(server, Set.of());
            Set<String> thought = believed.getOrDefault(server, Set.of());
            thought.stream().filter(user -> !there.contains(user))
                    .forEach(user -> lobby.placedElsewhere(user, server, false));
            there.stream().filter(user -> !thought.contains(user))
                    .forEach(user -> lobby.placedElsewhere(user, server, true));
        }
        voided.close();
        checkOwnHints();
        // in case the word of a removal on another server was lost
        knownNames.recheck();
    }


    private void checkOwnHints() {
        long sweepNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1000, lease() / 3));
        // a hint sent before the reader subscribed is not heard, and says nothing of it
        boolean subscribedBefore = bus.subscribedAt() != 0 && bus.subscribedAt() < ownHintSentAt;
        if (subscribedBefore && lastHeardAt < ownHintSentAt && System.nanoTime() - ownHintSentAt > sweepNanos) {
            LOG.warning("Nothing came from the topic since this server's last word to itself; reading it anew");
            bus.renewReader();
        }
        ownHintSentAt = System.nanoTime();
        bus.publishEchoed(new Hint.Places(me, List.of(), List.of()));
    }

    private void forget(String server) {
        Set<String> there = connections.elsewhereByServer().getOrDefault(server, Set.of());
        there.forEach(user -> lobby.placedElsewhere(user, server, false));
        heardFrom.remove(server);
    }

    private ScheduledFuture<?> every(long firstMillis, long millis, Runnable work) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // a failure must not end the schedule
                LOG.log(Level.WARNING, "A task of the chat's servers failed; it runs again", e);
            }
        }, firstMillis, millis, TimeUnit.MILLISECONDS);
    }

    private long lease() {
        return settings.lease().toMillis();
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> both = new java.util.HashSet<>(one);
        both.addAll(other);
        return both;
    }
}
