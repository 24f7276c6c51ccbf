package org.parley.live.control;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a shared executor, at most {@code limit} at a time; the rest wait here, in order, without a thread.
 * For work that holds a database connection while it runs (catching up reads the log): a crowd connecting at once
 * would otherwise take every thread of the container's executor (Payara: 200, all waiting for one of 32 pooled
 * connections), and starve all other work that runs there too.
 */
final class LimitedExecutor implements Executor {

    private final Executor executor;
    private final int limit;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    LimitedExecutor(Executor executor, int limit) {
        this.executor = executor;
        this.limit = limit;
    }

    /** Runs the task when fewer than the limit run; on the caller's thread if the executor refuses it. */
    @Override
    public void execute(Runnable task) {
        waiting.add(task);
        startWhileRoom();
    }

    private void startWhileRoom() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= limit) {
                return; // a running task starts the next when it ends
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
                continue;
            }
            try {
                executor.execute(() -> runThenNext(next));
            } catch (RejectedExecutionException e) {
                // the executor is saturated or stopping: the caller runs it, and then looks for the next
                try {
                    next.run();
                } finally {
                    running.decrementAndGet();
                }
            }
        }
    }

    private void runThenNext(Runnable task) {
        try {
            task.run();
        } finally {
            running.decrementAndGet();
            startWhileRoom();
        }
    }
}
