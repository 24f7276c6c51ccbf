package org.parley.chat.control;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.account.control.KnownNames;
import org.parley.chat.entity.ClientFrame;
import org.parley.chat.entity.ErrorCode;
import org.parley.chat.entity.ServerFrame;
import org.parley.chat.entity.ServerFrame.Delivery;
import org.parley.chat.entity.UserName;
import org.parley.message.control.OfflineMailbox;
import org.parley.message.entity.OfflineMessage;
import org.parley.presence.control.PresenceAnnouncer;
import org.parley.setup.Setting;

/**
 * Connects users and routes their messages: who joins and leaves, what is delivered now and what is kept.
 * <p>
 * A direct message goes to every live connection of its recipient; when there is none it is stored first and
 * acknowledged after the commit. Deciding between the two holds the recipient's line, as does a connection's
 * final check of its backlog before it goes live, so a message is never stored just after its recipient's last
 * backlog check (and stranded), nor delivered ahead of older kept messages.
 */
@ApplicationScoped
public class Switchboard {

    private static final Logger LOG = Logger.getLogger(Switchboard.class.getName());
    private static final int BACKLOG_PAGE = 200;
    private static final long BACKLOG_WRITE_TIMEOUT_SECONDS = 60;
    // well past the end of the container's upgrade, and short for a person waiting to be told why
    private static final long TURN_AWAY_AFTER_MILLIS = 250;

    @Inject
    ConnectionRegistry registry;

    @Inject
    OfflineMailbox mailbox;

    @Inject
    PresenceAnnouncer presence;

    @Inject
    KnownNames knownNames;

    @Inject
    FloodGuard floodGuard;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Queue<Runnable> departures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean departing = new AtomicBoolean();

    public void join(UserName user, Session session) {
        int frameLimit = Setting.FRAME_LIMIT.positiveInt();
        session.setMaxTextMessageBufferSize(frameLimit);
        Connection connection = new Connection(user, session, Setting.SEND_QUEUE_LIMIT.positiveInt(),
                // a write can break while another user's line is held; dropping takes this user's line
                (broken, reason) -> departLater(() -> drop(broken, reason)));
        boolean backlog;
        synchronized (registry.lineOf(user.value())) {
            boolean cameOnline = registry.add(connection);
            backlog = mailbox.countWaitingFor(user.value(), Instant.now()) > 0;
            if (!backlog) {
                connection.goLive();
            }
            connection.send(new ServerFrame.Welcome(user.value(), registry.onlineUsers(), Instant.now(), frameLimit,
                    Setting.OPEN_MODE.isOn()).encode());
            if (cameOnline) {
                presence.announce(user, true);
            }
        }
        if (backlog) {
            executor.execute(() -> deliverBacklog(connection));
        }
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
     * while holding another user's line; leaving takes this user's line, so it happens on another thread, or two
     * such threads could each wait for the line the other holds.
     */
    public void left(Connection connection) {
        departLater(() -> leave(connection));
    }

    /**
     * Queues a departure (a leave, or a drop when Parley ends the connection itself) for the one task that works
     * through them. One task, not one per departure: a thousand people leaving at once would overflow the
     * container's executor, and running the rejected ones here would bring back the wait on another's line.
     */
    private void departLater(Runnable departure) {
        departures.add(departure);
        if (departing.compareAndSet(false, true)) {
            try {
                executor.execute(this::workThroughDepartures);
            } catch (RejectedExecutionException e) {
                // stopping, or saturated: the next departure tries again
                departing.set(false);
                LOG.log(Level.WARNING, "Departures wait: the executor refused the task", e);
            }
        }
    }

    private void workThroughDepartures() {
        do {
            for (Runnable next = departures.poll(); next != null; next = departures.poll()) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not complete a departure", e);
                }
            }
            departing.set(false);
            // a departure queued after the last poll but before the flag dropped finds no task running: take it
        } while (!departures.isEmpty() && departing.compareAndSet(false, true));
    }

    private void leave(Connection connection) {
        List<ServerFrame.Chat> unwritten = connection.detach();
        String user = connection.user().value();
        synchronized (registry.lineOf(user)) {
            if (registry.remove(connection)) {
                presence.announce(connection.user(), false);
                floodGuard.forget(connection.user());
            }
            if (registry.connectionsOf(user).isEmpty()) {
                keepUnwritten(unwritten);
            }
        }
    }

    /**
     * Direct messages queued for a connection that went before writing them were acknowledged as delivered; with
     * no other connection of the user to have them, they are kept as if sent while the user was offline. The cap
     * does not apply: their senders were told they arrived. One transaction for all: this holds the user's line.
     */
    private void keepUnwritten(List<ServerFrame.Chat> unwritten) {
        if (unwritten.isEmpty()) {
            return;
        }
        try {
            mailbox.keepAll(unwritten.stream().map(message -> new OfflineMessage(message.id(), message.from(),
                    message.to(), message.body(), message.sentAt(),
                    message.sentAt().plus(Setting.RETENTION.duration()))).toList());
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "Lost " + unwritten.size() + " messages to " + unwritten.get(0).to()
                    + " that its connection never took", e);
        }
    }

    /**
     * Takes a connection out of the pool and closes it without waiting for the peer, as when it stops answering
     * pings or reading what it is sent.
     */
    public void drop(Connection connection, CloseReason reason) {
        leave(connection);
        connection.close(reason);
    }

    /** Closes every connection of a user who signed out: their tickets are void, and so is what they opened. */
    public void signedOut(UserName user) {
        List.copyOf(registry.connectionsOf(user.value())).forEach(connection -> drop(connection,
                new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "signed out")));
    }

    /** Every frame counts against the sender's allowance, unreadable ones too: answering them is work as well. */
    public void receive(Connection sender, ClientFrame frame) {
        sender.heardFrom();
        if (frame instanceof ClientFrame.Oversized oversized) {
            drop(sender, new CloseReason(CloseReason.CloseCodes.TOO_BIG,
                    "frame larger than " + oversized.limit() + " bytes"));
            return;
        }
        switch (floodGuard.take(sender.user())) {
            case SEND -> {
                if (frame instanceof ClientFrame.Send send) {
                    route(sender, send);
                } else if (frame instanceof ClientFrame.Refused refused) {
                    refuse(sender, refused.code(), refused.message(), refused.ref());
                }
            }
            case REFUSE_AND_SAY -> refuse(sender, ErrorCode.RATE_LIMITED, "slow down: " + floodGuard.limits()
                    + "; until then further frames are dropped unanswered", refOf(frame));
            case REFUSE -> {
                // answered once per run already
            }
            case ABUSE -> drop(sender, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "flooding: " + floodGuard.limits()));
        }
    }

    private static String refOf(ClientFrame frame) {
        return frame instanceof ClientFrame.Send send ? send.ref()
                : frame instanceof ClientFrame.Refused refused ? refused.ref() : null;
    }

    private void refuse(Connection sender, ErrorCode code, String message, String ref) {
        sender.send(new ServerFrame.Error(code, message, ref).encode());
    }

    private void route(Connection sender, ClientFrame.Send send) {
        if (send.body().isBlank()) {
            refuse(sender, ErrorCode.EMPTY_BODY, "the message is empty", send.ref());
            return;
        }
        if (send.isBroadcast()) {
            broadcast(sender, send);
            return;
        }
        UserName typed;
        try {
            typed = UserName.parse(send.to());
        } catch (UserName.InvalidUserName e) {
            refuse(sender, ErrorCode.INVALID_RECIPIENT, "no such user name: " + e.getMessage(), send.ref());
            return;
        }
        // an account is found in any case or spelling of its name; in open mode every name is anyone's
        Optional<UserName> owner = Setting.OPEN_MODE.isOn() ? Optional.of(typed)
                : knownNames.ownerOf(typed.value()).map(UserName::new);
        if (owner.isEmpty()) {
            refuse(sender, ErrorCode.UNKNOWN_USER, "nobody is called " + typed.value(), send.ref());
            return;
        }
        UserName recipient = owner.get();
        if (recipient.equals(sender.user())) {
            refuse(sender, ErrorCode.SELF_MESSAGE, "you cannot send a message to yourself", send.ref());
            return;
        }
        sendDirect(sender, recipient, send);
    }

    private void broadcast(Connection sender, ClientFrame.Send send) {
        String id = UUID.randomUUID().toString();
        Instant sentAt = now();
        String frame = new ServerFrame.Chat(id, sender.user().value(), null, send.body(), sentAt, false).encode();
        // broadcasts are never kept, so a connection still receiving its backlog gets them too
        registry.all().forEach(connection -> connection.send(frame));
        sender.send(new ServerFrame.Ack(id, Delivery.DELIVERED, sentAt, send.ref()).encode());
    }

    private void sendDirect(Connection sender, UserName recipient, ClientFrame.Send send) {
        String id = UUID.randomUUID().toString();
        Instant sentAt = now();
        ServerFrame.Chat chat = new ServerFrame.Chat(id, sender.user().value(), recipient.value(), send.body(), sentAt,
                false);
        String frame = chat.encode();
        Delivery delivery;
        synchronized (registry.lineOf(recipient.value())) {
            Set<Connection> connections = registry.connectionsOf(recipient.value());
            // a connection whose peer has begun to close would take the message with it
            List<Connection> live = connections.stream().filter(c -> c.isLive() && c.isOpen()).toList();
            if (!live.isEmpty()) {
                live.forEach(connection -> connection.deliver(frame, chat));
                delivery = Delivery.DELIVERED;
            } else {
                OfflineMessage kept = new OfflineMessage(id, sender.user().value(), recipient.value(), send.body(),
                        sentAt, sentAt.plus(Setting.RETENTION.duration()));
                boolean stored;
                try {
                    // a connected recipient is taking its backlog right now: the cap guards storage for the absent
                    stored = mailbox.keep(kept, connections.isEmpty() ? Setting.MAILBOX_CAPACITY.positiveInt()
                            : Integer.MAX_VALUE);
                } catch (EJBException e) {
                    LOG.log(Level.WARNING, "Could not store an offline message", e);
                    refuse(sender, ErrorCode.UNAVAILABLE, "the message could not be kept; try again", send.ref());
                    return;
                }
                if (!stored) {
                    refuse(sender, ErrorCode.MAILBOX_FULL,
                            recipient.value() + " has too many messages waiting; nothing was stored", send.ref());
                    return;
                }
                delivery = Delivery.STORED;
            }
        }
        registry.connectionsOf(sender.user().value()).stream()
                .filter(connection -> connection != sender)
                .forEach(connection -> connection.send(frame));
        sender.send(new ServerFrame.Ack(id, delivery, sentAt, send.ref()).encode());
    }

    /**
     * Writes the user's kept messages to a new connection page by page, removing each page once it is written,
     * then makes the connection live. Runs off the container's thread: a backlog may be thousands of messages.
     */
    private void deliverBacklog(Connection connection) {
        String user = connection.user().value();
        try {
            while (connection.isOpen()) {
                List<OfflineMessage> page;
                synchronized (registry.lineOf(user)) {
                    page = mailbox.waitingFor(user, Instant.now(), BACKLOG_PAGE);
                    if (page.isEmpty()) {
                        connection.goLive();
                        return;
                    }
                }
                if (!writeAndDiscard(connection, page)) {
                    drop(connection, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                            "kept messages could not be written; reconnect"));
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not deliver kept messages to " + user + "; they stay kept", e);
            drop(connection, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "kept messages could not be delivered; reconnect"));
        }
    }

    /** @return whether every message of the page was written */
    private boolean writeAndDiscard(Connection connection, List<OfflineMessage> page) {
        List<CompletableFuture<Void>> writes = new ArrayList<>(page.size());
        for (OfflineMessage message : page) {
            writes.add(connection.send(new ServerFrame.Chat(message.messageId(), message.sender(),
                    message.recipient(), message.body(), message.sentAt(), true).encode()).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .get(BACKLOG_WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.FINE, "Backlog write stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> written = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            CompletableFuture<Void> write = writes.get(i);
            if (write.isDone() && !write.isCompletedExceptionally()) {
                written.add(page.get(i).seq());
            }
        }
        mailbox.discardDelivered(written);
        return written.size() == page.size();
    }

    // milliseconds: what the store keeps, so a message reads the same whether delivered at once or later
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
