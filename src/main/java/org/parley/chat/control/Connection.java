package org.parley.chat.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.chat.entity.ServerFrame;
import org.parley.chat.entity.UserName;

/**
 * One open WebSocket of one user. A user may hold several (tabs, devices).
 * <p>
 * A connection is <em>live</em> once every offline message kept for its user has been written to it: until then
 * direct messages to the user are stored behind the backlog instead of overtaking it.
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    private static final String KEY = Connection.class.getName();

    private final UserName user;
    private final Session session;
    private final Outbox outbox;
    private final AtomicLong unansweredPingSince = new AtomicLong();
    private volatile boolean live;

    Connection(UserName user, Session session, int sendQueueLimit, BiConsumer<Connection, CloseReason> dropper) {
        this.user = user;
        this.session = session;
        this.outbox = new Outbox(session, sendQueueLimit, reason -> dropper.accept(this, reason));
        session.getUserProperties().put(KEY, this);
    }

    /** @return the connection Parley attached to this session when it joined, or null if it never did */
    public static Connection of(Session session) {
        return (Connection) session.getUserProperties().get(KEY);
    }

    public UserName user() {
        return user;
    }

    public String id() {
        return session.getId();
    }

    boolean isLive() {
        return live;
    }

    void goLive() {
        live = true;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    public CompletionStage<Void> send(String frame) {
        return outbox.send(frame);
    }

    /** Pings unless a ping is already unanswered; the first unanswered ping's time is what the timeout counts. */
    void ping(long nowNanos) {
        if (unansweredPingSince.compareAndSet(0, nowNanos)) {
            outbox.ping(ByteBuffer.wrap(Long.toString(nowNanos).getBytes()));
        }
    }

    /** A pong or any other frame: whatever the peer sends shows it is there, even when a pong waits behind it. */
    public void heardFrom() {
        unansweredPingSince.set(0);
    }

    boolean pingUnansweredFor(long nowNanos, long timeoutNanos) {
        long since = unansweredPingSince.get();
        return since != 0 && nowNanos - since >= timeoutNanos;
    }

    /** A direct message to this connection's user: stored again if the connection goes before writing it. */
    void deliver(String frame, ServerFrame.Chat message) {
        outbox.sendDirect(frame, message);
    }

    /**
     * Stops all sending: frames not yet written fail.
     *
     * @return the direct messages to this user that were never written, oldest first
     */
    List<ServerFrame.Chat> detach() {
        return outbox.close();
    }

    /** Closes the socket; {@link Switchboard#drop} detaches first, so that nothing unwritten is lost. */
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
