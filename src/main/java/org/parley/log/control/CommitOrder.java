package org.parley.log.control;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.log.entity.ChatMessage;

/**
 * Hands committed messages on in the log's order, however they became known: committed here, or told of by another
 * server sharing the log, whose word may come late, out of order, or not at all. Servers commit side by side, so a
 * message may be committed before numbers below it that another server reserved ({@link Reservations}): a message
 * waits here until every number below it is handed on. A hole that stays longer than its wait is filled by reading
 * the log ({@link #holeToFill}, {@link #fill}), but only up to what is known to be committed or never to be
 * ({@link #knownUpTo}), never up to a message merely heard of. Everything up to {@link #handedOn()} has been handed
 * on, once, or is being handed on; nothing is handed on twice.
 * <p>
 * Every method but {@link #handedOn()} holds this object's monitor, and handing on happens under it: that is what
 * keeps the order. What is handed on must not wait for anything (a connection's write only queues the frame).
 */
final class CommitOrder {

    private static final Logger LOG = Logger.getLogger(CommitOrder.class.getName());

    private record Waiting(long seq, Runnable handOn) {
    }

    private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
    // written holding the monitor, read without it: every joining connection and catch-up page asks, and must not
    // wait while a batch is being handed on. Raised before each message is handed on, not after: a catch-up that
    // reads the log up to here then reads the one being pushed too (it is committed), where otherwise a connection
    // that joined as it was pushed could miss it both ways (seen: NothingLostIT, 13 of 822 never arrived)
    private volatile long handedOn;
    // a number up to which every number is known to be committed or never to be (as last read), though not all heard of
    private long known;
    // whether there is a hole just above handedOn, and since when
    private boolean hole;
    private long holeSince;

    /** @param handedOn the number up to which nothing is to be handed on: the log's head as this server starts */
    CommitOrder(long handedOn) {
        this.handedOn = handedOn;
        this.known = handedOn;
    }

    long handedOn() {
        return handedOn;
    }

    /**
     * A committed message, with what to do with it once every number below it is handed on. One already handed on
     * (read back to fill a hole before this word of it came) is ignored.
     */
    synchronized void committed(ChatMessage message, Consumer<ChatMessage> handOn, long now) {
        committed(message.seq(), () -> handOn.accept(message), now);
    }

    /** A committed number, with what to do once every number below it is handed on; one already handed on is ignored. */
    synchronized void committed(long seq, Runnable handOn, long now) {
        if (seq <= handedOn) {
            return;
        }
        waiting.putIfAbsent(seq, new Waiting(seq, handOn));
        handOnInOrder(now);
    }

    /** The highest number told so far, whether handed on or waiting; {@link #handedOn()} before any. */
    synchronized long highestTold() {
        return waiting.isEmpty() ? handedOn : Math.max(handedOn, waiting.lastKey());
    }

    /**
     * Every number up to {@code committed} is committed or never will be ({@link Reservations#committedUpTo}), whether
     * or not anyone said so yet.
     */
    synchronized void knownUpTo(long committed, long now) {
        if (committed > known) {
            known = committed;
            handOnInOrder(now);
        }
    }

    /** Whether a hole above {@link #handedOn()} has waited {@code wait} or longer for the word of its messages. */
    synchronized boolean holeWaited(long now, long wait) {
        return hole && now - holeSince >= wait;
    }

    /**
     * @return the number up to which the log should be read, when a hole above {@link #handedOn()} has waited
     *         {@code wait} or longer for the word of its messages and is known to be committed, at least in part
     */
    synchronized OptionalLong holeToFill(long now, long wait) {
        if (!holeWaited(now, wait)) {
            return OptionalLong.empty();
        }
        long upTo = waiting.isEmpty() ? known : Math.min(known, waiting.firstKey() - 1);
        return upTo > handedOn ? OptionalLong.of(upTo) : OptionalLong.empty();
    }

    /**
     * What a read of the log found in (handedOn, {@code upTo}]: handed on in order with {@code handOn}, unless word of
     * one came meanwhile, which then goes as it came; numbers that were not found had been deleted, and are passed.
     */
    synchronized void fill(long upTo, List<ChatMessage> read, Consumer<ChatMessage> handOn, long now) {
        for (ChatMessage message : read) {
            if (message.seq() > handedOn && message.seq() <= upTo) {
                waiting.putIfAbsent(message.seq(), new Waiting(message.seq(), () -> handOn.accept(message)));
            }
        }
        while (handedOn < upTo) {
            Waiting next = waiting.remove(handedOn + 1);
            handedOn++;
            if (next != null) {
                handOn(next);
            }
        }
        hole = false;
        handOnInOrder(now);
    }

    private void handOnInOrder(long now) {
        long before = handedOn;
        Map.Entry<Long, Waiting> next;
        while ((next = waiting.firstEntry()) != null && next.getKey() == handedOn + 1) {
            waiting.pollFirstEntry();
            handedOn++;
            handOn(next.getValue());
        }
        boolean holeNow = !waiting.isEmpty() || known > handedOn;
        if (holeNow && (!hole || handedOn != before)) {
            // a new hole, or what is left of one after the numbers below it came: its wait starts now
            holeSince = now;
        }
        hole = holeNow;
    }

    private static void handOn(Waiting waiting) {
        try {
            waiting.handOn().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not hand on committed message " + waiting.seq(), e);
        }
    }
}
