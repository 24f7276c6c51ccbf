package org.parley.live.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.protocol.CloseCode;
import org.parley.protocol.Utf8;

/**
 * The frames waiting to be written to one connection, written one at a time in the order they were queued.
 * <p>
 * A WebSocket connection accepts one write at a time, and a reader that falls behind must not hold up anyone else,
 * so writes are asynchronous and queued here. The queue is bounded in bytes: a connection that lets
 * {@code limitBytes} or more pile up is closed with 1013 (try again later) and whatever it had not been sent is failed: every message is in
 * the log, and the client's next connection resumes from what it confirmed. A write that fails means the peer is
 * gone, whether or not the container ever reports the close, so that breaks the connection too.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final ClassLoader SENDING_LOADER = ClassLoader.getPlatformClassLoader();

    private final Session session;
    private final long limitBytes;
    private final Consumer<CloseReason> onBroken;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean pumping;
    private boolean broken;
    private boolean closed;
    // completed when the write under way finishes, for whoever waits for that without a thread
    private CompletableFuture<Void> settled;

    private record Item(String text, long bytes, ByteBuffer ping, CompletableFuture<Void> written) {
    }

    /**
     * @param onBroken closes the connection once it falls too far behind or a write fails; it must not wait for the
     *                 peer, which is not reading
     */
    Outbox(Session session, long limitBytes, Consumer<CloseReason> onBroken) {
        this.session = session;
        this.limitBytes = limitBytes;
        this.onBroken = onBroken;
    }

    long limitBytes() {
        return limitBytes;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** @return completes once the frame is handed to the network, or fails if it never will be */
    CompletionStage<Void> send(String text) {
        return enqueue(new Item(text, Utf8.length(text), null, new CompletableFuture<>()));
    }

    /** @return completes once the ping is handed to the network, or fails if it never will be */
    CompletionStage<Void> ping(ByteBuffer payload) {
        return enqueue(new Item(null, payload.remaining(), payload, new CompletableFuture<>()));
    }

    /** Fails everything still queued; later sends fail at once. */
    void close() {
        ArrayDeque<Item> abandoned;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = new ArrayDeque<>(queue);
            queue.clear();
            queuedBytes = 0;
        }
        IOException gone = new IOException("connection closed");
        abandoned.forEach(item -> item.written.completeExceptionally(gone));
    }

    /**
     * Waits, up to {@code millis}, for a write already handed to the container to finish; call after {@link #close()}.
     *
     * @return whether no write is under way any more
     */
    boolean settle(long millis) {
        try {
            settled().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Completes once no write is under way: at once, or when the write under way finishes (which, to a peer that has
     * gone, may be never: callers bound the wait). Call after {@link #close()}.
     */
    CompletableFuture<Void> settled() {
        synchronized (this) {
            if (!writing) {
                return CompletableFuture.completedFuture(null);
            }
            if (settled == null) {
                settled = new CompletableFuture<>();
            }
            return settled;
        }
    }

    /**
     * A frame that comes while the limit or more is waiting stops the connection's writing and hands it to
     * {@code onBroken}; below the limit a frame is taken whatever its size, so a queue holds at most the limit and
     * one frame (a frame of any allowed size still goes to a reader that keeps up).
     */
    private CompletionStage<Void> enqueue(Item item) {
        boolean overflow = false;
        synchronized (this) {
            if (closed || broken) {
                item.written.completeExceptionally(new IOException("connection closed"));
                return item.written;
            }
            if (queuedBytes >= limitBytes) {
                broken = true;
                overflow = true;
            }
            queue.add(item);
            queuedBytes += item.bytes;
        }
        if (overflow) {
            LOG.info(() -> "Closing a connection that fell more than " + limitBytes + " bytes behind");
            onBroken.accept(CloseCode.TRY_AGAIN_LATER.because("too slow: more than " + limitBytes + " bytes waiting"));
        } else {
            pump();
        }
        return item.written;
    }

    /**
     * Starts the next write if none is under way. A write may complete on this very thread, so the loop carries on
     * instead of recursing; {@code pumping} keeps a completion on another thread from starting a second loop.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            Item next;
            synchronized (this) {
                if (writing || closed || broken || queue.isEmpty()) {
                    pumping = false;
                    return;
                }
                next = queue.poll();
                queuedBytes -= next.bytes;
                writing = true;
            }
            write(next);
        }
    }

    /**
     * Hands one frame to the container with the platform class loader as the thread's context loader. Payara's Tyrus
     * restarts the session's idle timer on every send by scheduling a task on the container's managed executor, and
     * Payara captures that task's context with a {@code ServiceLoader} lookup through the context loader: through the
     * application's, that searches every jar of the server. A JFR profile of Payara Micro at 500 messages a second had
     * two thirds of its samples there. The timer's task uses nothing of the application's; the completion, which may
     * run on this thread before the send returns, gets the application's loader back.
     */
    private void write(Item item) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(SENDING_LOADER);
        try {
            if (item.ping != null) {
                session.getAsyncRemote().sendPing(item.ping);
                written(item, null, application);
            } else {
                session.getAsyncRemote().sendText(item.text, result -> written(item, result, application));
            }
        } catch (IOException | RuntimeException e) {
            written(item, new SendResult(e), application);
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    private void written(Item item, SendResult result, ClassLoader application) {
        Thread thread = Thread.currentThread();
        ClassLoader current = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            written(item, result);
        } finally {
            thread.setContextClassLoader(current);
        }
    }

    private void written(Item item, SendResult result) {
        boolean ok = result == null || result.isOK();
        boolean breaks = false;
        CompletableFuture<Void> nowSettled;
        synchronized (this) {
            writing = false;
            nowSettled = settled;
            settled = null;
            if (!ok && !closed) {
                breaks = !broken;
                broken = true;
            }
        }
        if (nowSettled != null) {
            nowSettled.complete(null);
        }
        if (ok) {
            item.written.complete(null);
            pump();
            return;
        }
        item.written.completeExceptionally(result.getException());
        if (breaks) {
            LOG.log(Level.FINE, "Write failed; dropping the connection", result.getException());
            onBroken.accept(CloseCode.SERVER_FAULT.because("write failed"));
        }
    }
}
