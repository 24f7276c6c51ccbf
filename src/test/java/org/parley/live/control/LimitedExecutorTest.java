package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class LimitedExecutorTest {

    /** Many tasks at once on a big pool: never more than the limit run together, every one runs, in order begun. */
    @RepeatedTest(10)
    void neverMoreThanTheLimitAtOnceAndEveryTaskRuns() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        LimitedExecutor limited = new LimitedExecutor(pool, 3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> begun = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(200);
        // the first three wait for one another: they can meet only if three run at once
        CountDownLatch firstThree = new CountDownLatch(3);
        for (int i = 0; i < 200; i++) {
            int task = i;
            limited.execute(() -> {
                begun.add(task);
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    if (task < 3) {
                        firstThree.countDown();
                        firstThree.await(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(20, TimeUnit.SECONDS), "every task ran");
        pool.shutdown();
        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
        assertEquals(3, most.get(), "and the limit is used: the first three met");
        assertEquals(IntStream.range(0, 200).boxed().toList(), begun.stream().sorted().toList());
    }

    @Test
    void whatTheExecutorRefusesTheCallerRuns() {
        LimitedExecutor limited = new LimitedExecutor(task -> {
            throw new RejectedExecutionException("saturated");
        }, 2);
        List<String> ran = new CopyOnWriteArrayList<>();
        limited.execute(() -> ran.add("first"));
        limited.execute(() -> ran.add("second"));
        assertEquals(List.of("first", "second"), ran);
    }
}
