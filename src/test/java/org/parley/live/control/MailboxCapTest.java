package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.parley.log.control.LogSettings;
import org.parley.log.control.Marks;
import org.parley.log.control.MessageStore;

/** The mailbox cap held by one count of the log a second per absent user, not one per message. */
class MailboxCapTest {

    private static final int CAPACITY = 5;

    private final AtomicInteger counts = new AtomicInteger();
    // what the log holds for the recipient, after the mark its devices confirmed
    private final AtomicLong inLog = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final MailboxCap cap = new MailboxCap();

    MailboxCapTest() {
        cap.settings = new LogSettings(Duration.ofDays(2), Duration.ZERO, Duration.ofHours(1), CAPACITY, false, false);
        cap.marks = new Marks() {
            @Override
            public long deliveredTo(String user) {
                return 0;
            }
        };
        cap.store = new MessageStore() {
            @Override
            public long countTo(String user, long after, Instant notBefore) {
                counts.incrementAndGet();
                return inLog.get();
            }
        };
        cap.clock = clock::get;
    }

    /** Sends one message to bob as the router does, the log taking it when it is let in. */
    private boolean send() {
        boolean in = cap.letIn("bob");
        if (in) {
            inLog.incrementAndGet();
        }
        return in;
    }

    @Test
    void aBurstToOneAbsentUserIsCountedOnceAndStopsAtTheCap() {
        inLog.set(2);
        for (int i = 0; i < CAPACITY - 2; i++) {
            assertTrue(send(), "message " + i + " fits");
        }
        for (int i = 0; i < 1_000; i++) {
            assertFalse(send(), "the mailbox is full");
        }
        assertEquals(CAPACITY, inLog.get());
        assertEquals(1, counts.get(), "the log counted once for the whole burst");
    }

    @Test
    void aSecondLaterTheLogIsCountedAgain() {
        inLog.set(CAPACITY);
        assertFalse(send());
        // the retention sweeper, or another server's delivery, emptied it meanwhile
        inLog.set(0);
        clock.addAndGet(MailboxCap.RECOUNT_AFTER - 1);
        assertFalse(send(), "within the second, the count stands");
        clock.addAndGet(1);
        assertTrue(send(), "after it, the log is counted again");
        assertEquals(2, counts.get());
    }

    @Test
    void whatOtherServersAddIsSeenAtTheNextCount() {
        assertTrue(send());
        inLog.addAndGet(CAPACITY);
        assertTrue(send(), "not seen yet: the cap is soft across servers for a second");
        clock.addAndGet(MailboxCap.RECOUNT_AFTER);
        assertFalse(send());
    }

    @Test
    void comingAndGoingCountsAgainAtOnce() {
        inLog.set(CAPACITY);
        assertFalse(send());
        // bob connects and receives everything, then leaves
        cap.recount("bob");
        inLog.set(0);
        assertTrue(send(), "what bob received no longer waits");
        assertEquals(2, counts.get());
    }

    @Test
    void sendersAtOnceTakeNoMoreThanThePlacesLeft() throws Exception {
        int senders = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger letIn = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                sending.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1_000; i++) {
                        if (cap.letIn("bob")) {
                            letIn.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sender : sending) {
                sender.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(CAPACITY, letIn.get());
    }

    @Test
    void eachRecipientHasItsOwnCount() {
        inLog.set(CAPACITY);
        assertFalse(send());
        inLog.set(0);
        assertTrue(cap.letIn("carol"));
        assertEquals(2, counts.get());
    }
}
