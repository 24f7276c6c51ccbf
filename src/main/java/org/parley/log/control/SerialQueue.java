package org.parley.log.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Items worked through in the order they were added, by one task at a time, in batches of whatever has queued up
 * meanwhile. One task, not one per item: a thousand items at once must not overflow the container's executor, and
 * one at a time is what keeps their order.
 */
public final class SerialQueue<T> {

    private static final Logger LOG = Logger.getLogger(SerialQueue.class.getName());

    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean working = new AtomicBoolean();
    private final Executor executor;
    private final int batchLimit;
    private final Consumer<List<T>> worker;

    /** @param worker is handed each batch, oldest first; what it throws is logged and the next batch goes on */
    public SerialQueue(Executor executor, int batchLimit, Consumer<List<T>> worker) {
        this.executor = executor;
        this.batchLimit = batchLimit;
        this.worker = worker;
    }

    /**
     * Adds the item, and starts a task to work through the queue unless one runs. When the executor refuses that
     * task (saturated, or stopping), the caller works through the queue itself: left for the next item added, the
     * items could wait for ever (a departure never worked, a message never committed) when no next item comes.
     */
    public void add(T item) {
        items.add(item);
        if (working.compareAndSet(false, true)) {
            try {
                executor.execute(this::workThrough);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "The executor refused the task: the caller works through the queue", e);
                workThrough();
            }
        }
    }

    /** Whether every item added so far has been worked through. */
    public boolean isIdle() {
        return items.isEmpty() && !working.get();
    }

    private void workThrough() {
        do {
            List<T> batch = new ArrayList<>();
            for (T next = items.poll(); next != null; next = items.poll()) {
                batch.add(next);
                if (batch.size() == batchLimit) {
                    run(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                run(batch);
            }
            working.set(false);
            // an item added after the last poll but before the flag dropped finds no task running: take it
        } while (!items.isEmpty() && working.compareAndSet(false, true));
    }

    private void run(List<T> batch) {
        try {
            worker.accept(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " failed", e);
        }
    }
}
