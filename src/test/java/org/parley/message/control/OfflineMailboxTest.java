package org.parley.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.entity.OfflineMessage;
import org.parley.testing.InMemoryStore;

/** The real persistence unit and mapping, on EclipseLink and an in-memory Derby, outside any server. */
class OfflineMailboxTest {

    private static EntityManagerFactory factory;
    private OfflineMailbox mailbox;

    @BeforeAll
    static void createStore() {
        factory = InMemoryStore.open("mailbox-test");
    }

    @AfterAll
    static void closeStore() {
        factory.close();
    }

    @BeforeEach
    void openMailbox() {
        mailbox = new OfflineMailbox();
        mailbox.em = factory.createEntityManager();
    }

    private <T> T inTransaction(Supplier<T> work) {
        mailbox.em.getTransaction().begin();
        T result = work.get();
        mailbox.em.getTransaction().commit();
        mailbox.em.clear();
        return result;
    }

    private static OfflineMessage message(String from, String to, String body, Instant sentAt) {
        return new OfflineMessage(UUID.randomUUID().toString(), from, to, body, sentAt, sentAt.plus(Duration.ofDays(2)));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void keptMessagesComeBackOldestFirstWithSenderTimeAndId() {
        String bob = unique("bob");
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        OfflineMessage first = message("alice", bob, "one", now);
        OfflineMessage second = message("carol", bob, "two", now.plusMillis(1));
        OfflineMessage third = message("alice", bob, "three", now.plusMillis(1));
        for (OfflineMessage m : List.of(first, second, third)) {
            assertTrue(inTransaction(() -> mailbox.keep(m, 10)));
        }
        List<OfflineMessage> waiting = mailbox.waitingFor(bob, now, 100);
        assertEquals(List.of("one", "two", "three"), waiting.stream().map(OfflineMessage::body).toList());
        assertEquals(first.messageId(), waiting.get(0).messageId());
        assertEquals("carol", waiting.get(1).sender());
        assertEquals(now, waiting.get(0).sentAt());
        assertEquals(2, mailbox.waitingFor(bob, now, 2).size());
    }

    @Test
    void capacityRefusesTheMessageBeyondIt() {
        String bob = unique("bob");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            OfflineMessage m = message("alice", bob, "m" + i, now);
            assertTrue(inTransaction(() -> mailbox.keep(m, 3)));
        }
        assertFalse(inTransaction(() -> mailbox.keep(message("alice", bob, "too many", now), 3)));
        assertEquals(3, mailbox.countWaitingFor(bob, now));
    }

    @Test
    void keepingAllIgnoresTheCapAndKeepsTheirOrder() {
        String bob = unique("bob");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            OfflineMessage m = message("alice", bob, "m" + i, now);
            assertTrue(inTransaction(() -> mailbox.keep(m, 3)));
        }
        inTransaction(() -> {
            mailbox.keepAll(List.of(message("carol", bob, "unwritten 1", now.plusMillis(1)),
                    message("carol", bob, "unwritten 2", now.plusMillis(2))));
            return null;
        });
        assertEquals(List.of("m0", "m1", "m2", "unwritten 1", "unwritten 2"),
                mailbox.waitingFor(bob, now, 10).stream().map(OfflineMessage::body).toList());
    }

    @Test
    void expiredMessagesAreNeitherDeliveredNorCountedAndArePurged() {
        String bob = unique("bob");
        Instant sent = Instant.parse("2026-01-01T00:00:00Z");
        inTransaction(() -> mailbox.keep(message("alice", bob, "old", sent), 10));
        Instant afterRetention = sent.plus(Duration.ofDays(2)).plusMillis(1);
        assertTrue(mailbox.waitingFor(bob, afterRetention, 10).isEmpty());
        assertEquals(0, mailbox.countWaitingFor(bob, afterRetention));
        assertEquals(1, mailbox.waitingFor(bob, sent, 10).size());
        assertTrue(inTransaction(() -> mailbox.purgeExpired(afterRetention)) >= 1);
        assertTrue(mailbox.waitingFor(bob, sent, 10).isEmpty(), "purged for good");
    }

    @Test
    void discardingDeliveredRemovesOnlyThose() {
        String bob = unique("bob");
        Instant now = Instant.now();
        inTransaction(() -> mailbox.keep(message("alice", bob, "a", now), 10));
        inTransaction(() -> mailbox.keep(message("alice", bob, "b", now), 10));
        List<OfflineMessage> waiting = mailbox.waitingFor(bob, now, 10);
        assertEquals(1, (int) inTransaction(() -> mailbox.discardDelivered(List.of(waiting.get(0).seq()))));
        assertEquals(List.of("b"), mailbox.waitingFor(bob, now, 10).stream().map(OfflineMessage::body).toList());
    }

    @Test
    void longMultiByteBodyIsKeptWhole() {
        String bob = unique("bob");
        String body = "长消息 🌏 ".repeat(8000);
        Instant now = Instant.now();
        inTransaction(() -> mailbox.keep(message("alice", bob, body, now), 10));
        assertEquals(body, mailbox.waitingFor(bob, now, 1).get(0).body());
    }
}
