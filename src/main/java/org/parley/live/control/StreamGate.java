package org.parley.live.control;

import java.util.function.Consumer;

/**
 * Keeps one connection's stream in order and whole, whether its messages come from the log (catching up) or live
 * from the log's writer: the rule that decides what a connection is sent lives here and nowhere else.
 * <p>
 * A connection starts by catching up from a position (what its client had, or what its user's devices confirmed).
 * Live messages offered meanwhile are not written, only noted: each is committed, so catching up reads it from the
 * log in its place. Catching up ends only when a read of the log finds nothing new <em>and</em> no live message was
 * noted past what was written; from then on live messages are written as they come. A message is never written
 * twice or out of order: nothing at or below {@link #position()} is written again.
 * <p>
 * Every method holds this gate's monitor while it decides and writes, and writing only queues the frame (it never
 * waits for the network), so the monitor is held briefly and never while waiting on anything else.
 */
final class StreamGate {

    private long position;
    private long notedWhileCatchingUp;
    private boolean live;

    StreamGate(long position) {
        this.position = position;
    }

    /** @return the number of the last message written to this connection */
    synchronized long position() {
        return position;
    }

    synchronized boolean isLive() {
        return live;
    }

    /**
     * A message just committed, for this connection's user.
     *
     * @return whether it was written now (false: noted for catching up, or written before)
     */
    synchronized boolean offerLive(long seq, Consumer<Long> write) {
        if (!live) {
            notedWhileCatchingUp = Math.max(notedWhileCatchingUp, seq);
            return false;
        }
        return writeIfNew(seq, write);
    }

    /** A message read from the log while catching up. @return whether it was written */
    synchronized boolean offerCaughtUp(long seq, Consumer<Long> write) {
        return writeIfNew(seq, write);
    }

    /**
     * Called when a read of the log after {@link #position()} found nothing more; {@code announce} writes what
     * the client is told of it, ahead of any live message.
     *
     * @return whether the connection is now live; false means a live message came meanwhile: read again
     */
    synchronized boolean tryGoLive(Runnable announce) {
        if (notedWhileCatchingUp > position) {
            return false;
        }
        live = true;
        announce.run();
        return true;
    }

    /**
     * Goes live although a noted message was not read back, when no read will ever find it: it left the log meanwhile
     * (purged once another device of the user confirmed it, with no history kept), or it is one this connection does
     * not catch up (to everyone, committed just before a device that said nothing joined; it is in the history).
     */
    synchronized void goLiveAnyway(Runnable announce) {
        live = true;
        announce.run();
    }

    private boolean writeIfNew(long seq, Consumer<Long> write) {
        if (seq <= position) {
            return false;
        }
        write.accept(seq);
        position = seq;
        return true;
    }
}
