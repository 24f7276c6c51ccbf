package org.parley.live.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Confirms for a client that never confirms: the original design's client speaks only {@code to|content} and sends
 * no {@code received}, yet was promised each message once. After messages are written to such a connection the
 * server pings it, carrying the {@code seq} of the last one written; a pong echoing it shows that everything written
 * before the ping arrived (a WebSocket is one ordered stream), so it confirms up to there, as {@code received} would.
 * A message written to a socket that died answers no ping and is not confirmed: it comes again.
 * <p>
 * At most one confirmation ping per {@link #MIN_GAP_NANOS}: a busy stream costs a few pings a second, not one a
 * message. A client that confirms for itself ({@code confirm=received} when connecting, or its first
 * {@code received}) is never pinged for this, and its pongs confirm nothing.
 * <p>
 * The pong comes from the client, so it is believed only as far as the ping it could have echoed: the caller bounds it
 * by what the connection was sent, as for {@code received}, and only a pong that goes past the last one counts.
 */
final class PongConfirmation {

    static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    // heartbeat pings carry a bare number; these carry this prefix before theirs
    private static final byte PREFIX = 'c';

    /** Where the ping goes, and when a later one is due. */
    interface Pinger {
        /** Queues a ping with this payload behind everything already queued for the connection. */
        void ping(ByteBuffer payload);

        /** Runs {@code task} after {@code delayNanos}, on another thread. */
        void later(Runnable task, long delayNanos);
    }

    private final Pinger pinger;
    private final LongSupplier written;
    private final LongSupplier clock;
    private volatile boolean clientConfirms;
    // guarded by this
    private long pingedUpTo;
    private long lastPingAt;
    private boolean pinged;
    private boolean due;
    private long confirmedUpTo;

    /**
     * @param written the {@code seq} of the last message queued for the connection; called under this object's
     *                monitor, so it must not wait for anything that calls into this object
     * @param clock   nanoseconds, as {@link System#nanoTime()}
     */
    PongConfirmation(boolean clientConfirms, Pinger pinger, LongSupplier written, LongSupplier clock) {
        this.clientConfirms = clientConfirms;
        this.pinger = pinger;
        this.written = written;
        this.clock = clock;
    }

    /** The client confirms for itself from now on. */
    void clientConfirms() {
        clientConfirms = true;
    }

    /** A message of the stream was queued for the connection: a ping follows now, or once the gap has passed. */
    void messageWritten() {
        if (clientConfirms) {
            return;
        }
        long delay;
        synchronized (this) {
            if (due) {
                return;
            }
            long now = clock.getAsLong();
            delay = pinged ? lastPingAt + MIN_GAP_NANOS - now : 0;
            due = true;
        }
        if (delay > 0) {
            pinger.later(this::pingIfBehind, delay);
        } else {
            pingIfBehind();
        }
    }

    private void pingIfBehind() {
        long upTo;
        synchronized (this) {
            due = false;
            // read under this monitor: a message written meanwhile either is counted here or finds nothing due
            upTo = written.getAsLong();
            if (clientConfirms || upTo <= pingedUpTo) {
                return;
            }
            pingedUpTo = upTo;
            lastPingAt = clock.getAsLong();
            pinged = true;
        }
        // queued after every message up to upTo: written reads the position after they were queued
        pinger.ping(ByteBuffer.wrap((((char) PREFIX) + Long.toString(upTo)).getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * A pong from the client.
     *
     * @param confirm told the {@code seq} the client has everything up to, when this pong says more than the last
     */
    void ponged(ByteBuffer payload, LongConsumer confirm) {
        if (clientConfirms) {
            return;
        }
        OptionalLong upTo = parse(payload);
        if (upTo.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (upTo.getAsLong() <= confirmedUpTo) {
                return;
            }
            confirmedUpTo = upTo.getAsLong();
        }
        confirm.accept(upTo.getAsLong());
    }

    /** @return the seq of a confirmation ping's echo; empty for a heartbeat's pong or anything else */
    static OptionalLong parse(ByteBuffer payload) {
        ByteBuffer data = payload.duplicate();
        if (data.remaining() < 2 || data.remaining() > 19 || data.get() != PREFIX) {
            return OptionalLong.empty();
        }
        long value = 0;
        while (data.hasRemaining()) {
            byte digit = data.get();
            if (digit < '0' || digit > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (digit - '0');
        }
        return OptionalLong.of(value);
    }
}
