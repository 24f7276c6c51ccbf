package org.parley.chat.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The frames waiting to be written to one connection, written one at a time in the order they were queued.
 * <p>
 * A WebSocket connection accepts one write at a time, and a reader that falls behind must not hold up anyone else,
 * so writes are asynchronous and queued here. The queue is bounded: a connection that lets {@code limit} frames
 * pile up is closed with 1013 (try again later) and whatever it had not been sent is failed, which leaves kept
 * offline messages in the store for its next connection.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session session;
    private final int limit;
    private final Consumer<CloseReason> onOverflow;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean pumping;
    private boolean closed;

    private record Item(String text, ByteBuffer ping, CompletableFuture<Void> written) {
    }

    /** @param onOverflow closes the connection; it must not wait for the peer, which is not reading */
    Outbox(Session session, int limit, Consumer<CloseReason> onOverflow) {
        this.session = session;
        this.limit = limit;
        this.onOverflow = onOverflow;
    }

    /** @return completes once the frame is handed to the network, or fails if it never will be */
    CompletionStage<Void> send(String text) {
        return enqueue(new Item(text, null, new CompletableFuture<>()));
    }

    void ping(ByteBuffer payload) {
        enqueue(new Item(null, payload, new CompletableFuture<>()));
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
        }
        IOException gone = new IOException("connection closed");
        abandoned.forEach(item -> item.written.completeExceptionally(gone));
    }

    private CompletionStage<Void> enqueue(Item item) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                item.written.completeExceptionally(new IOException("connection closed"));
                return item.written;
            }
            if (queue.size() >= limit) {
                overflow = true;
            } else {
                queue.add(item);
            }
        }
        if (overflow) {
            item.written.completeExceptionally(new IOException("send queue full"));
            close();
            LOG.info(() -> "Closing a connection that fell " + limit + " frames behind");
            onOverflow.accept(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too slow: " + limit + " frames waiting"));
            return item.written;
        }
        pump();
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
                if (writing || closed || queue.isEmpty()) {
                    pumping = false;
                    return;
                }
                next = queue.poll();
                writing = true;
            }
            write(next);
        }
    }

    private void write(Item item) {
        try {
            if (item.ping != null) {
                session.getAsyncRemote().sendPing(item.ping);
                written(item, null);
            } else {
                session.getAsyncRemote().sendText(item.text, result -> written(item, result));
            }
        } catch (IOException | RuntimeException e) {
            written(item, new SendResult(e));
        }
    }

    private void written(Item item, SendResult result) {
        synchronized (this) {
            writing = false;
        }
        if (result == null || result.isOK()) {
            item.written.complete(null);
            pump();
        } else {
            LOG.log(Level.FINE, "Write failed; closing the connection", result.getException());
            item.written.completeExceptionally(result.getException());
            close();
        }
    }
}
