package org.parley.log.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Items worked through in the order they were added, one batch at a time, each batch whatever has queued up
 * meanwhile, by one thread of its own that sleeps while there is nothing to do.
 * <p>
 * A thread of its own rather than a task on the container's executor for each batch: at a few hundred messages a
 * second nearly every item starts a batch, and Payara captures the context of every task it is given (a
 * {@code ServiceLoader} search through every jar the application sees), where waking a sleeping thread costs next to
 * nothing (README, "Where a Payara server's CPU goes").
 * <p>
 * Once {@link #close closed}, or if its thread could not be made, whoever adds an item works the queue through
 * itself: left for a thread that no longer runs, items would wait for ever (a departure never worked, a message never
 * committed).
 */
public final class SerialQueue<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SerialQueue.class.getName());
    private static final long STOP_WAIT = TimeUnit.SECONDS.toMillis(5);

    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    // held by whoever works items through: the thread, or after closing a caller; never two at once
    private final AtomicBoolean working = new AtomicBoolean();
    private final int batchLimit;
    private final Consumer<List<T>> worker;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean closed;

    /**
     * Starts the queue's thread, made by {@code threads} (the container's managed thread factory, so that batches run
     * with the application's context) and named {@code name}.
     *
     * @param worker is handed each batch, oldest first; what it throws is logged and the next batch goes on
     */
    public SerialQueue(ThreadFactory threads, String name, int batchLimit, Consumer<List<T>> worker) {
        this.batchLimit = batchLimit;
        this.worker = worker;
        Thread started = null;
        try {
            Thread made = threads.newThread(this::run);
            made.setName(name);
            made.setDaemon(true);
            made.start();
            started = made;
        } catch (RuntimeException | OutOfMemoryError e) {
            // a container that is stopping gives no thread, nor does a machine out of them
            LOG.log(Level.WARNING, "No thread for " + name + ": whoever adds to it works it through", e);
        }
        thread = started;
        closed = started == null;
    }

    /** Adds the item, for the queue's thread to work through, or, once the queue is closed, works it through now. */
    public void add(T item) {
        items.add(item);
        if (closed) {
            workThroughIfFree();
        } else if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether every item added so far has been worked through. */
    public boolean isIdle() {
        return items.isEmpty() && !working.get();
    }

    /**
     * Stops the thread once it has worked through what was added (waiting a few seconds at most); what is added from
     * then on, whoever adds it works through.
     */
    @Override
    public void close() {
        closed = true;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        if (thread != Thread.currentThread()) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // added after the thread's last look, or left by a thread that did not stop in time and will not look again
        workThroughIfFree();
    }

    private void run() {
        while (!closed) {
            try {
                workThroughIfFree();
            } catch (Error e) {
                // the thread must outlive a batch that ran out of memory or stack: its items would wait for ever
                LOG.log(Level.SEVERE, "A batch failed", e);
            }
            sleeping = true;
            // an item added after the last poll but before the flag was up was not woken for: look again first
            if (items.isEmpty() && !closed) {
                LockSupport.park(this);
            }
            sleeping = false;
            // a container that interrupts its threads as it stops closes the queue too; until then, go on
            Thread.interrupted();
        }
        workThroughIfFree();
    }

    private void workThroughIfFree() {
        while (!items.isEmpty() && working.compareAndSet(false, true)) {
            try {
                workThrough();
            } finally {
                working.set(false);
            }
        }
    }

    private void workThrough() {
        List<T> batch = new ArrayList<>();
        for (T next = items.poll(); next != null; next = items.poll()) {
            batch.add(next);
            if (batch.size() == batchLimit) {
                runBatch(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            runBatch(batch);
        }
    }

    private void runBatch(List<T> batch) {
        try {
            worker.accept(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " failed", e);
        }
    }
}
