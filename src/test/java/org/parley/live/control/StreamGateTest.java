package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The rule that keeps one connection's stream whole and in order, without a server or a database. */
class StreamGateTest {

    private final List<Long> written = new ArrayList<>();

    @Test
    void liveMessagesWaitForCatchingUpAndAreReadBackInTheirPlace() {
        StreamGate gate = new StreamGate(10);
        assertFalse(gate.offerLive(13, written::add), "not live yet: only noted");
        assertTrue(gate.offerCaughtUp(11, written::add));
        assertTrue(gate.offerCaughtUp(12, written::add));
        assertFalse(gate.tryGoLive(() -> written.add(-1L)), "13 was noted and not yet read back");
        assertTrue(gate.offerCaughtUp(13, written::add));
        assertTrue(gate.tryGoLive(() -> written.add(-1L)));
        assertTrue(gate.offerLive(14, written::add));
        assertEquals(List.of(11L, 12L, 13L, -1L, 14L), written, "the catching-up mark (-1) comes before live ones");
    }

    @Test
    void nothingAtOrBelowThePositionIsWrittenAgain() {
        StreamGate gate = new StreamGate(5);
        assertFalse(gate.offerCaughtUp(5, written::add), "the client said it has 5");
        assertTrue(gate.offerCaughtUp(6, written::add));
        assertTrue(gate.tryGoLive(() -> { }));
        assertFalse(gate.offerLive(6, written::add), "read back while catching up, then offered live");
        assertTrue(gate.offerLive(7, written::add));
        assertEquals(List.of(6L, 7L), written);
        assertEquals(7, gate.position());
    }

    @Test
    void goingLiveAnywayStopsWaitingForANotedMessageThatLeftTheLog() {
        StreamGate gate = new StreamGate(0);
        gate.offerLive(3, written::add);
        assertFalse(gate.tryGoLive(() -> { }));
        gate.goLiveAnyway(() -> { });
        assertTrue(gate.isLive());
        assertTrue(gate.offerLive(4, written::add));
    }

    /**
     * A writer commits numbers in order and offers each live while a catcher-up reads "the log" (what was committed
     * so far) page by page: whatever the interleaving, the connection gets every number exactly once, in order.
     */
    @RepeatedTest(50)
    void raceBetweenTheWriterAndCatchingUpLosesAndRepeatsNothing() throws InterruptedException {
        int messages = 2_000;
        NavigableSet<Long> log = new ConcurrentSkipListSet<>();
        AtomicLong committed = new AtomicLong();
        long start = ThreadLocalRandom.current().nextInt(0, 200);
        for (long seq = 1; seq <= start; seq++) {
            log.add(seq);
            committed.set(seq);
        }
        StreamGate gate = new StreamGate(ThreadLocalRandom.current().nextLong(0, start + 1));
        List<Long> got = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                await(go);
                for (long seq = start + 1; seq <= start + messages && !stop.get(); seq++) {
                    log.add(seq);
                    committed.set(seq);
                    gate.offerLive(seq, got::add);
                }
            }, threads);
            CompletableFuture<Void> catcher = CompletableFuture.runAsync(() -> {
                await(go);
                boolean emptyBefore = false;
                while (!stop.get()) {
                    List<Long> page = log.tailSet(gate.position(), false).stream().limit(7).toList();
                    if (page.isEmpty()) {
                        if (gate.tryGoLive(() -> { })) {
                            return;
                        }
                        // every noted number is in the log before it is offered: a second empty read cannot happen
                        assertFalse(emptyBefore, "a noted message was never found in the log");
                        emptyBefore = true;
                        continue;
                    }
                    emptyBefore = false;
                    page.forEach(seq -> gate.offerCaughtUp(seq, got::add));
                }
                throw new AssertionError("still catching up when the test gave up");
            }, threads);
            go.countDown();
            // a failed assertion on either thread fails the test; a catcher that spins fails it after the limit
            joined(writer, "the writer");
            joined(catcher, "the catcher");
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
        long from = gate.position() - got.size();
        for (int i = 0; i < got.size(); i++) {
            assertEquals(from + i + 1, got.get(i), "position " + i);
        }
        assertEquals(start + messages, gate.position());
    }

    private static void joined(CompletableFuture<Void> task, String what) throws InterruptedException {
        try {
            task.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within 10 s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError(what + " failed", e.getCause());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
