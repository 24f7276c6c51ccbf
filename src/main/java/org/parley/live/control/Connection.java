package org.parley.live.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.account.entity.UserName;

/**
 * One open WebSocket of one user. A user may hold several (tabs, devices); each has its own place in the user's
 * stream ({@link StreamGate}), since each may have missed different messages.
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    private static final String KEY = Connection.class.getName();
    // a write to a peer that reads finishes in milliseconds; one to a peer that has gone may never finish, and a
    // close waits this long on the container's thread (60 people leaving at once waited 2 s each)
    private static final long SETTLE_MILLIS = 250;

    private final UserName user;
    private final Session session;
    private final Outbox outbox;
    private final StreamGate gate;
    private final boolean resumed;
    private final PongConfirmation pongConfirmation;
    private final AtomicReference<Ping> unansweredPing = new AtomicReference<>();
    private final Instant openedAt = Instant.now();

    /**
     * @param position the last message its client has (what it said, or what its user's devices confirmed)
     * @param resumed  whether the client said where it was
     * @param confirms whether the client said it confirms what arrives ({@code received}); if not, pongs do
     *                 ({@link PongConfirmation})
     */
    Connection(UserName user, Session session, int sendQueueBytes, long position, boolean resumed, boolean confirms,
            ScheduledExecutorService scheduler, BiConsumer<Connection, CloseReason> dropper) {
        this.user = user;
        this.session = session;
        this.outbox = new Outbox(session, sendQueueBytes, reason -> dropper.accept(this, reason));
        this.gate = new StreamGate(position);
        this.resumed = resumed;
        this.pongConfirmation = new PongConfirmation(confirms, new PongConfirmation.Pinger() {
            @Override
            public void ping(ByteBuffer payload) {
                outbox.ping(payload);
            }

            @Override
            public void later(Runnable task, long delayNanos) {
                try {
                    scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // stopping: the connection closes, and what it did not confirm comes again
                }
            }
        }, gate::position, System::nanoTime);
        session.getUserProperties().put(KEY, this);
    }

    /** @return the connection Parley attached to this session when it joined, or null if it never did */
    public static Connection of(Session session) {
        return (Connection) session.getUserProperties().get(KEY);
    }

    public UserName user() {
        return user;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public String id() {
        return session.getId();
    }

    boolean isOpen() {
        return session.isOpen();
    }

    boolean resumed() {
        return resumed;
    }

    StreamGate gate() {
        return gate;
    }

    /** A frame outside the stream (welcome, ack, presence, receipts, errors). */
    public CompletionStage<Void> send(String frame) {
        return outbox.send(frame);
    }

    /**
     * A message just committed: written now if this connection is live and has not had it.
     *
     * @return whether it was written now
     */
    boolean offerLive(long seq, String frame) {
        boolean written = gate.offerLive(seq, s -> outbox.send(frame));
        if (written) {
            pongConfirmation.messageWritten();
        }
        return written;
    }

    /**
     * A message just committed that this connection sent: it moves this connection's place in its stream without
     * writing anything; if the connection is still catching up, the message comes with the rest.
     */
    void passLive(long seq) {
        gate.offerLive(seq, written -> { });
    }

    /** @return completes once written, or at once if this connection had it already */
    CompletableFuture<Void> offerCaughtUp(long seq, String frame) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!gate.offerCaughtUp(seq, s -> outbox.send(frame).whenComplete((ok, failure) -> {
            if (failure == null) {
                written.complete(null);
            } else {
                written.completeExceptionally(failure);
            }
        }))) {
            written.complete(null);
        } else {
            pongConfirmation.messageWritten();
        }
        return written;
    }

    /** Bytes waiting to be written to this connection. */
    long queuedBytes() {
        return outbox.queuedBytes();
    }

    /** How much catching up may queue at once: half the send queue, leaving room for everything else it is sent. */
    long writeAheadBytes() {
        return outbox.limitBytes() / 2;
    }

    /**
     * A heartbeat ping not yet answered: when it was queued, and when it was handed to the network (0 until then).
     * It waits behind what the connection was sent before it, which a server busy with a crowd (a join storm) may
     * write slowly; the peer cannot answer before it has it, so its time to answer counts from that write. A ping
     * that is never written (a peer that stopped reading) still ends the connection, after
     * {@value #UNWRITTEN_PING_TIMEOUTS} timeouts.
     */
    private record Ping(long queuedAt, long writtenAt) {
    }

    static final int UNWRITTEN_PING_TIMEOUTS = 3;

    /** Pings unless a ping is already unanswered, which then stays the one whose answer the timeout waits for. */
    void ping(long nowNanos) {
        Ping ping = new Ping(nowNanos, 0);
        if (unansweredPing.compareAndSet(null, ping)) {
            outbox.ping(ByteBuffer.wrap(Long.toString(nowNanos).getBytes())).thenRun(() ->
                    unansweredPing.compareAndSet(ping, new Ping(nowNanos, System.nanoTime())));
        }
    }

    /** A pong or any other frame: whatever the peer sends shows it is there, even when a pong waits behind it. */
    public void heardFrom() {
        unansweredPing.set(null);
    }

    /** The client confirms what arrives with {@code received} from now on, so its pongs confirm nothing. */
    void clientConfirms() {
        pongConfirmation.clientConfirms();
    }

    /** @param confirm told how far the client has everything, when this pong answers a confirmation ping */
    void ponged(ByteBuffer payload, LongConsumer confirm) {
        heardFrom();
        pongConfirmation.ponged(payload, confirm);
    }

    /** Whether the heartbeat's ping has gone unanswered for the timeout since it was written ({@link Ping}). */
    boolean pingUnansweredFor(long nowNanos, long timeoutNanos) {
        Ping ping = unansweredPing.get();
        if (ping == null) {
            return false;
        }
        return ping.writtenAt() != 0 ? nowNanos - ping.writtenAt() >= timeoutNanos
                : nowNanos - ping.queuedAt() >= UNWRITTEN_PING_TIMEOUTS * timeoutNanos;
    }

    /** Stops all sending: frames not yet written fail. What the client never confirmed stays in the log for it. */
    public void detach() {
        outbox.close();
    }

    /**
     * Waits a moment for a write already handed to the container to finish, after {@link #detach()} and before the
     * socket closes. Payara recycles a WebSocket's HTTP request and response for other requests as the socket
     * closes, while Tyrus keeps writing to the response it holds: a frame written then went out as the body of
     * someone else's HTTP answer (seen as sign-ups answered 200 with a {@code message} frame for another user).
     */
    public void settle() {
        if (!outbox.settle(SETTLE_MILLIS)) {
            LOG.fine(() -> "A write to " + user + " was still under way when its connection closed");
        }
    }

    /**
     * Closes once the write under way, if any, has finished, or after the same wait as {@link #settle()}, without a
     * thread waiting meanwhile: the close itself runs on {@code executor}. Call after {@link #detach()}.
     */
    void closeWhenSettled(CloseReason reason, Executor executor) {
        outbox.settled().copy().completeOnTimeout(null, SETTLE_MILLIS, TimeUnit.MILLISECONDS).thenRun(() -> {
            try {
                executor.execute(() -> close(reason));
            } catch (RejectedExecutionException e) {
                close(reason);
            }
        });
    }

    void close(CloseReason reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Connection was already gone", e);
        }
    }
}
