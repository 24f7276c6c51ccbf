package org.parley.live.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.account.control.AccountSettings;
import org.parley.account.entity.SessionsEnded;
import org.parley.account.entity.UserName;
import org.parley.log.control.Marks;
import org.parley.log.control.MessageLog;
import org.parley.log.control.SerialQueue;
import org.parley.metrics.ParleyMetrics;
import org.parley.protocol.CloseCode;
import org.parley.protocol.ServerFrame;

/**
 * Connections coming and going: who joins (and from where in their stream they go on), who leaves or is dropped,
 * and who is told. Joining and leaving hold the user's {@linkplain Connections#underLine line}, so that one
 * user's "online" and "offline" never cross; nothing else here does.
 */
@ApplicationScoped
public class Lobby {

    private static final Logger LOG = Logger.getLogger(Lobby.class.getName());
    // well past the end of the container's upgrade, and short for a person waiting to be told why
    private static final long TURN_AWAY_AFTER_MILLIS = 250;
    private static final CloseReason RESTART = CloseCode.RESTARTING.because("the server is restarting; reconnect");
    // what a stopping server gives the log to commit what it took, and its connections to write what they were sent
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(10);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(2);

    @Inject
    AccountSettings accountSettings;

    @Inject
    LiveSettings settings;

    @Inject
    Connections connections;

    @Inject
    PresenceBoard presence;

    @Inject
    FloodGuard floodGuard;

    @Inject
    MessageLog log;

    @Inject
    Marks marks;

    @Inject
    CatchUp catchUp;

    @Inject
    MailboxCap mailboxCap;

    @Inject
    ParleyMetrics metrics;

    @Inject
    OtherServers otherServers;


    // set once, as the server stops; read by every joining connection and every message taken
    private volatile boolean closing;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private SerialQueue<Runnable> departures;

    @PostConstruct
    void start() {
        departures = new SerialQueue<>(threads, "parley-departures", Integer.MAX_VALUE,
                batch -> batch.forEach(departure -> {
                    try {
                        departure.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not complete a departure", e);
                    }
                }));
    }

    @PreDestroy
    void end() {
        departures.close();
    }

    /**
     * Registers the connection and starts it catching up. With {@code since} (what the client says it has) it is
     * sent everything of the user's stream after that; without, what the user's devices have not confirmed of their
     * direct messages, and of the conversation with everyone only what comes from now on. A client that does not say
     * it {@code confirms} has what it was sent confirmed by its pongs ({@link PongConfirmation}).
     */
    public void join(UserName user, Session session, OptionalLong since, boolean confirms) {
        if (closing) {
            turnAway(session, RESTART);
            return;
        }
        int frameLimit = settings.frameLimit();
        session.setMaxTextMessageBufferSize(frameLimit);
        // read before the connection is registered: a broadcast committed after it is offered live or read back
        long now = log.lastSeq();
        long position = since.isPresent() ? Math.min(since.getAsLong(), now) : marks.deliveredTo(user.value());
        long everyoneAfter = since.isPresent() ? position : now;
        boolean crowd = presence.crowded();
        // read outside the line: in a crowd it is the partners whose presence this connection hears of
        Set<String> partners = crowd ? presence.partnersOf(user.value()) : Set.of();
        Connection connection = new Connection(user, session, settings.sendQueueBytes(), position,
                since.isPresent(), confirms, scheduler,
                // a write can break while another user's line is held; dropping takes this user's line
                (broken, reason) -> departures.add(() -> drop(broken, reason)));
        connections.underLine(user.value(), () -> {
            boolean firstHere = connections.add(connection);
            PresenceBoard.Welcome told = presence.joined(connection, crowd, partners);
            connection.send(new ServerFrame.Welcome(user.value(), told.online(), told.count(), crowd,
                    Instant.now(), frameLimit, accountSettings.openMode()).encode());
            presence.welcomed(connection);
            if (firstHere) {
                otherServers.placeChanged(user.value(), true);
                if (!connections.isElsewhere(user.value())) {
                    presence.changed(user.value(), true);
                }
            }
        });
        mailboxCap.recount(user.value());
        if (closing) {
            // registered after the stop took its list of connections
            drop(connection, RESTART);
            return;
        }
        catchUp.start(connection, everyoneAfter, this::drop);
    }

    /** Whether the server is stopping: from then on nothing new is taken. */
    public boolean closing() {
        return closing;
    }

    /**
     * When Parley stops (undeployed, or its server told to stop, as by SIGTERM), before the container closes the
     * sockets: no new connection or message is taken; the log commits what it already took, so each of those
     * senders is acknowledged; every connection writes what it was sent, then closes with 1012 "service restart",
     * which tells a page to come back (to this server once it is up, or to another behind the same address).
     * Nothing acknowledged is lost either way; this spares clients a broken socket and "unconfirmed" sends.
     */
    public synchronized void stop() {
        if (closing) {
            return;
        }
        closing = true;
        if (!log.awaitCommitted(COMMIT_WAIT)) {
            LOG.warning(() -> "Stopping with messages not yet committed after " + COMMIT_WAIT
                    + "; their senders were not acknowledged");
        }
        List<Connection> open = connections.all().toList();
        long deadline = System.nanoTime() + WRITE_WAIT.toNanos();
        while (open.stream().anyMatch(connection -> connection.queuedBytes() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        for (Connection connection : open) {
            metrics.closedByServer(RESTART.getCloseCode().getCode());
            leave(connection);
            connection.settle();
            connection.close(RESTART);
        }
        LOG.info(() -> "Stopped: " + open.size() + " connections closed with 1012");
    }

    /**
     * Closes a connection refused as it opens (no valid ticket, a foreign page, an unfit name), a moment after its
     * opening is over: never from inside {@code @OnOpen}, nor right after it. Payara closes the HTTP upgrade's request
     * and response with the connection, and closing them while it is still completing the upgrade hands them, still
     * in use, to other requests: under a stream of such refusals, other people's sign-ins on that server were
     * answered 500, or 200 with no body, or read with an empty or foreign body (88 of 37,734 in a minute when closed
     * in {@code @OnOpen}, 18 when closed at once on another thread; none when the connection closed later).
     */
    public void turnAway(Session session, CloseReason reason) {
        Runnable close = () -> {
            try {
                session.close(reason);
            } catch (IOException e) {
                LOG.log(Level.FINE, "A refused connection went before it was closed", e);
            }
        };
        try {
            scheduler.schedule(close, TURN_AWAY_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }

    /**
     * The container reports a close on whichever thread noticed it, which may be one writing to this connection
     * while holding another user's line; leaving takes this user's line, so it happens on the departures' thread, or
     * two such threads could each wait for the line the other holds.
     */
    public void left(Connection connection) {
        departures.add(() -> leave(connection));
    }

    private void leave(Connection connection) {
        connection.detach();
        String user = connection.user().value();
        presence.left(connection);
        connections.underLine(user, () -> {
            if (connections.remove(connection)) {
                otherServers.placeChanged(user, false);
                if (!connections.isElsewhere(user)) {
                    presence.changed(user, false);
                }
                floodGuard.forget(connection.user());
                mailboxCap.recount(user);
            }
        });
    }

    /**
     * Another server of the chat says the user came online there (their first connection there) or went offline
     * from it (their last). Everyone here hears of it only when the user was online nowhere before, or is nowhere now.
     */
    public void placedElsewhere(String user, String server, boolean online) {
        connections.underLine(user, () -> {
            boolean changed = online ? connections.placeElsewhere(user, server) : connections.removeElsewhere(user, server);
            if (changed) {
                presence.changed(user, online);
            }
        });
    }

    /**
     * Takes a connection out of the pool and closes it without waiting for the peer, as when it stops answering
     * pings or reading what it is sent. Whatever it was sent but did not confirm stays in the log for its client.
     */
    public void drop(Connection connection, CloseReason reason) {
        metrics.closedByServer(reason.getCloseCode().getCode());
        leave(connection);
        // no thread waits for a peer that does not read: the executor's few threads are everyone's
        connection.closeWhenSettled(reason, executor);
    }

    /** Signed out, a new password, suspended or removed: once that commits, the account's connections end. */
    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsEnded ended) {
        dismiss(ended.name(), ended.reason());
    }

    /**
     * Closes every connection of this user with 1008 and this reason, which a page shows and does not reconnect
     * after (signed out, suspended, removed, or disconnected by an operator), here and on the other servers of the
     * chat.
     *
     * @return how many were closed here
     */
    public int dismiss(String user, String reason) {
        int closed = dismissHere(user, reason);
        otherServers.dismiss(user, reason);
        return closed;
    }

    /** Like {@link #dismiss}, on this server only: as another server of the chat asks. */
    public int dismissHere(String user, String reason) {
        List<Connection> theirs = List.copyOf(connections.connectionsOf(user));
        theirs.forEach(connection -> drop(connection, CloseCode.POLICY.because(reason)));
        return theirs.size();
    }
}
