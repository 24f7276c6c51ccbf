package org.parley.log.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SerialQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The factory's one thread, kept to look at. */
    private final AtomicReference<Thread> made = new AtomicReference<>();
    private final ThreadFactory threads = task -> {
        Thread thread = new Thread(task);
        made.set(thread);
        return thread;
    };

    /** Many threads adding at once: every item is worked once, one batch at a time, each thread's in its order. */
    @RepeatedTest(20)
    void itemsFromManyThreadsAreWorkedOnceInBatchesOneAtATime() throws InterruptedException {
        List<int[]> worked = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        SerialQueue<int[]> queue = new SerialQueue<>(threads, "test", 16, batch -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            worked.addAll(batch);
            batchSizes.add(batch.size());
            running.decrementAndGet();
        });
        int adding = 3;
        int each = 5_000;
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < adding; t++) {
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
        await().atMost(WAIT).until(queue::isIdle);
        queue.close();
        assertEquals(0, overlaps.get(), "two batches ran at once");
        assertEquals(adding * each, worked.size());
        int[] next = new int[adding];
        for (int[] item : worked) {
            assertEquals(next[item[0]]++, item[1], "thread " + item[0] + "'s items out of order");
        }
        assertTrue(batchSizes.stream().allMatch(size -> size <= 16));
    }

    /** Items added one at a time, each after the last was worked: the thread must wake for every one of them. */
    @RepeatedTest(5)
    void theThreadWakesForEachItemAddedWhileItSleeps() throws InterruptedException {
        Semaphore worked = new Semaphore(0);
        SerialQueue<Integer> queue = new SerialQueue<>(threads, "test", 16, batch -> worked.release(batch.size()));
        for (int i = 0; i < 2_000; i++) {
            queue.add(i);
            assertTrue(worked.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS), "item " + i + " never worked");
        }
        queue.close();
    }

    /** Nothing to do: the thread sleeps instead of spinning on an empty queue. */
    @Test
    void theThreadSleepsWhileThereIsNothingToDo() {
        List<String> worked = Collections.synchronizedList(new ArrayList<>());
        SerialQueue<String> queue = new SerialQueue<>(threads, "test", 16, worked::addAll);
        queue.add("one");
        await().atMost(WAIT).until(() -> worked.size() == 1);
        await().atMost(WAIT).until(() -> made.get().getState() == Thread.State.WAITING);
        queue.close();
    }

    @Test
    void aFailingBatchDoesNotStopTheNext() {
        List<String> worked = Collections.synchronizedList(new ArrayList<>());
        SerialQueue<String> queue = new SerialQueue<>(threads, "test", 1, batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("bad batch");
            }
            if (batch.contains("worse")) {
                throw new StackOverflowError("worse batch");
            }
            worked.addAll(batch);
        });
        queue.add("bad");
        queue.add("worse");
        queue.add("good");
        await().atMost(WAIT).until(queue::isIdle);
        queue.add("after");
        await().atMost(WAIT).until(queue::isIdle);
        queue.close();
        assertEquals(List.of("good", "after"), worked);
    }

    /** What a stopping server waits for: idle only once every item added is worked through, not when taken. */
    @Test
    void idleOnlyOnceEverythingAddedIsWorkedThrough() throws InterruptedException {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SerialQueue<String> queue = new SerialQueue<>(threads, "test", 16, batch -> {
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
        assertFalse(queue.isIdle());
        release.countDown();
        await().atMost(WAIT).until(queue::isIdle);
        queue.close();
    }

    /** Closing works through what was added, and ends the thread. */
    @Test
    void closingWorksThroughWhatWasAddedAndEndsTheThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<String> worked = Collections.synchronizedList(new ArrayList<>());
        SerialQueue<String> queue = new SerialQueue<>(threads, "test", 1, batch -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worked.addAll(batch);
        });
        queue.add("first");
        queue.add("second");
        Thread closing = new Thread(queue::close);
        closing.start();
        release.countDown();
        closing.join(WAIT.toMillis());
        assertFalse(closing.isAlive());
        assertEquals(List.of("first", "second"), worked);
        assertFalse(made.get().isAlive(), "the queue's thread still runs");
        assertTrue(queue.isIdle());
    }

    /** Once closed (the application stopping), whoever adds works the item through: nothing is stranded. */
    @Test
    void whatIsAddedAfterClosingTheCallerWorksThrough() {
        List<String> worked = new ArrayList<>();
        SerialQueue<String> queue = new SerialQueue<>(threads, "test", 16, worked::addAll);
        queue.close();
        queue.add("only one, and nothing after it");
        assertEquals(List.of("only one, and nothing after it"), worked);
        assertTrue(queue.isIdle());
    }

    /** A container that gives no thread (one stopping) must not strand what is added: the caller works it. */
    @Test
    void withoutAThreadTheCallerWorksThrough() {
        List<String> worked = new ArrayList<>();
        SerialQueue<String> queue = new SerialQueue<>(task -> {
            throw new IllegalStateException("the application is stopping");
        }, "test", 16, worked::addAll);
        queue.add("only one, and nothing after it");
        assertEquals(List.of("only one, and nothing after it"), worked);
        assertTrue(queue.isIdle());
        queue.close();
    }
}
