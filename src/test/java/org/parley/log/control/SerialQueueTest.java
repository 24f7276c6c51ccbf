package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SerialQueueTest {

    /** Many threads adding at once: every item is worked once, one batch at a time, each thread's in its order. */
    @RepeatedTest(20)
    void itemsFromManyThreadsAreWorkedOnceInBatchesOneAtATime() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<int[]> worked = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> batchSizes = new ArrayList<>();
        SerialQueue<int[]> queue = new SerialQueue<>(pool, 16, batch -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            worked.addAll(batch);
            batchSizes.add(batch.size());
            running.decrementAndGet();
        });
        int threads = 3;
        int each = 5_000;
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            adders.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    queue.add(new int[] {thread, i});
                }
            }));
        }
        adders.forEach(Thread::start);
        for (Thread adder : adders) {
            adder.join();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get(), "two batches ran at once");
        assertEquals(threads * each, worked.size());
        int[] next = new int[threads];
        for (int[] item : worked) {
            assertEquals(next[item[0]]++, item[1], "thread " + item[0] + "'s items out of order");
        }
        assertTrue(batchSizes.stream().allMatch(size -> size <= 16));
    }

    @Test
    void aFailingBatchDoesNotStopTheNext() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> worked = new ArrayList<>();
        SerialQueue<String> queue = new SerialQueue<>(pool, 1, batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("bad batch");
            }
            worked.addAll(batch);
        });
        queue.add("bad");
        queue.add("good");
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(List.of("good"), worked);
    }

    /** What a stopping server waits for: idle only once every item added is worked through, not when taken. */
    @Test
    void idleOnlyOnceEverythingAddedIsWorkedThrough() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SerialQueue<String> queue = new SerialQueue<>(pool, 16, batch -> {
            working.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(queue.isIdle());
        queue.add("first");
        assertTrue(working.await(5, TimeUnit.SECONDS));
        assertFalse(queue.isIdle(), "taken, not yet worked");
        queue.add("second");
        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(queue.isIdle());
    }

    /** An executor that refuses (saturated, stopping) must not strand what was added: the caller works it. */
    @Test
    void whatTheExecutorRefusesTheCallerWorksThrough() {
        List<String> worked = new ArrayList<>();
        SerialQueue<String> queue = new SerialQueue<>(task -> {
            throw new RejectedExecutionException("saturated");
        }, 16, worked::addAll);
        queue.add("only one, and nothing after it");
        assertEquals(List.of("only one, and nothing after it"), worked);
        assertTrue(queue.isIdle());
    }
}
