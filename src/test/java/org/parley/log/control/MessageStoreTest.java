package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Conversation;
import org.parley.testing.InMemoryStore;

/** The log and the marks on the real mapping and migrations, EclipseLink and an in-memory Derby, outside a server. */
class MessageStoreTest {

    private static final String DATABASE = "message-store-test";
    private static EntityManagerFactory factory;
    private MessageStore store;
    private Reservations numbering;
    private LogWriter writer;
    private Marks marks;
    private EntityManager em;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void createStore() {
        factory = InMemoryStore.open(DATABASE);
    }

    @AfterAll
    static void closeStore() {
        factory.close();
    }

    @BeforeEach
    void open() {
        em = factory.createEntityManager();
        store = new MessageStore();
        store.em = em;
        // as with several servers: the head is then the newest number given
        writer = LogWriters.on(InMemoryStore.dataSource(DATABASE), true);
        numbering = LogWriters.reservationsOn(InMemoryStore.dataSource(DATABASE));
        marks = new Marks();
        marks.em = em;
    }

    private <T> T inTransaction(Supplier<T> work) {
        em.getTransaction().begin();
        T result = work.get();
        em.getTransaction().commit();
        em.clear();
        return result;
    }

    private ChatMessage message(String from, String to, String body) {
        return new ChatMessage(UUID.randomUUID().toString(), from, to, body, now);
    }

    private List<ChatMessage> append(ChatMessage... messages) {
        return LogWriters.numbered(writer, List.of(messages));
    }

    private static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> bodies(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::body).toList();
    }

    @Test
    void messagesAppendedTogetherKeepTheirNumbersAndOrder() {
        String ann = newName("ann");
        String ben = newName("ben");
        List<ChatMessage> batch = append(message(ann, ben, "1"), message(ben, ann, "2"), message(ann, null, "3"),
                message(ann, ben, "4"));
        for (int i = 1; i < batch.size(); i++) {
            assertTrue(batch.get(i).seq() > batch.get(i - 1).seq());
        }
        assertEquals(batch.get(3).seq(), numbering.head());
    }

    @Test
    void aStreamMergesWhatCameToFromAndForEveryoneInOrder() {
        String ann = newName("ann");
        String ben = newName("ben");
        String cy = newName("cy");
        List<ChatMessage> all = append(message(ben, ann, "to ann"), message(ann, cy, "from ann"),
                message(cy, null, "to everyone"), message(ben, cy, "not ann's"), message(cy, ann, "to ann again"));
        long before = all.get(0).seq() - 1;
        long last = Long.MAX_VALUE;
        Instant recently = now.minusSeconds(1);
        assertEquals(List.of("to ann", "from ann", "to everyone", "to ann again"),
                bodies(inTransaction(() -> store.streamAfter(ann, before, last, before, recently, 10, List.of()))));
        assertEquals(List.of("to ann", "from ann"), bodies(inTransaction(() -> store.streamAfter(ann, before, last,
                before, recently, 2, List.of()))), "the first of them all, however the ranges interleave");
        assertEquals(List.of("to ann", "from ann", "to ann again"), bodies(inTransaction(() -> store.streamAfter(ann,
                before, last, all.get(2).seq(), recently, 10, List.of()))), "everyone's only after everyoneAfter");
        assertEquals(List.of("to ann again"), bodies(inTransaction(() -> store.streamAfter(ann, all.get(2).seq(),
                last, all.get(2).seq(), recently, 10, List.of()))));
        assertEquals(List.of("to ann", "from ann"), bodies(inTransaction(() -> store.streamAfter(ann, before,
                all.get(1).seq(), before, recently, 10, List.of()))), "nothing after upTo");
        assertEquals(List.of(), inTransaction(() -> store.streamAfter(ann, before, last, before, now.plusSeconds(1),
                10, List.of())), "nothing sent before notBefore");
    }

    @Test
    void historyPagesBackNewestFirstWithinOneConversation() {
        String ann = newName("ann");
        String ben = newName("ben");
        List<ChatMessage> all = append(message(ann, ben, "a"), message(ben, ann, "b"), message(ann, newName("x"), "c"),
                message(ann, ben, "d"));
        Conversation between = Conversation.between(ann, ben);
        assertEquals(List.of("d", "b"), bodies(inTransaction(() -> store.history(between, Long.MAX_VALUE, 2))));
        assertEquals(List.of("a"), bodies(inTransaction(() -> store.history(between, all.get(1).seq(), 2))));
        assertEquals(1, inTransaction(() -> store.countUnread(between, ann, 0)), "only what the other one sent");
        Map<String, Long> conversations = inTransaction(() -> store.directConversationsOf(ann));
        assertEquals(2, conversations.size());
        assertEquals(all.get(3).seq(), conversations.get(between.id()));
    }

    @Test
    void marksOnlyMoveForwardAndSayWhereTheyWere() {
        String ann = newName("ann");
        assertEquals(0, inTransaction(() -> marks.deliveredTo(ann)));
        assertEquals(OptionalLong.of(0), inTransaction(() -> marks.advanceDelivered(ann, 10)));
        assertEquals(OptionalLong.of(10), inTransaction(() -> marks.advanceDelivered(ann, 15)));
        assertEquals(OptionalLong.empty(), inTransaction(() -> marks.advanceDelivered(ann, 12)));
        assertEquals(15, inTransaction(() -> marks.deliveredTo(ann)));
        Conversation everyone = Conversation.everyone();
        assertTrue(inTransaction(() -> marks.advanceRead(ann, everyone, 5)));
        assertTrue(!inTransaction(() -> marks.advanceRead(ann, everyone, 4)));
        assertEquals(Map.of("everyone", 5L), inTransaction(() -> marks.readBy(ann)));
    }

    @Test
    void whoSentDirectMessagesInARangeIsFoundForTheirReceipts() {
        String ann = newName("ann");
        String ben = newName("ben");
        String cy = newName("cy");
        List<ChatMessage> all = append(message(ben, ann, "1"), message(cy, ann, "2"), message(ben, ann, "3"));
        assertEquals(List.of(cy), inTransaction(() -> store.sendersTo(ann, all.get(0).seq(), all.get(1).seq())));
        assertEquals(2, inTransaction(() -> store.sendersTo(ann, 0, all.get(2).seq())).size());
        assertEquals(3, inTransaction(() -> store.countTo(ann, 0, now.minus(Duration.ofSeconds(1)))));
    }

    @Test
    void thePurgeFindsWhatItsRecipientConfirmed() {
        String ann = newName("ann");
        String ben = newName("ben");
        List<ChatMessage> all = append(message(ann, ben, "first"), message(ann, ben, "confirmed"),
                message(ann, ben, "not yet"));
        inTransaction(() -> marks.advanceDelivered(ben, all.get(1).seq()));
        List<Long> confirmed = inTransaction(() -> store.confirmedDirect(1000));
        assertTrue(confirmed.containsAll(List.of(all.get(0).seq(), all.get(1).seq())));
        assertFalse(confirmed.contains(all.get(2).seq()));
        assertEquals(2, inTransaction(() -> store.delete(List.of(all.get(0).seq(), all.get(1).seq()))));
        assertEquals(List.of("not yet"), bodies(inTransaction(() -> store.history(Conversation.between(ann, ben),
                Long.MAX_VALUE, 10))));
    }

    /** Numbers are never given twice: deleting the newest messages keeps the highest number the log used. */
    @Test
    void deletingTheNewestMessagesKeepsTheirNumbersUsed() {
        String gone = newName("gone");
        String stays = newName("stays");
        append(message(stays, gone, "to the one who goes"));
        List<ChatMessage> last = append(message(gone, stays, "newest"), message(gone, null, "to everyone"));
        long highest = last.get(1).seq();
        assertEquals(highest, numbering.head());

        assertEquals(3, (int) inTransaction(() -> store.deleteAllOf(gone)));
        assertEquals(highest, numbering.head(), "the next message is numbered after them");
        long next = append(message(stays, null, "x")).get(0).seq();
        assertEquals(highest + 1, next);
        assertEquals(1, (int) inTransaction(() -> store.delete(List.of(next))));
        assertEquals(highest + 1, numbering.head());
    }

    /** An older Parley run on this database after a newer one numbered past the head: the head catches up. */
    @Test
    void messagesNumberedPastTheHeadRaiseItBeforeTheNextBatch() {
        long head = numbering.head();
        ChatMessage byAnOlderVersion = message(newName("old"), null, "numbered from its newest message").numbered(head + 5);
        inTransaction(() -> {
            em.persist(byAnOlderVersion);
            return null;
        });
        inTransaction(() -> {
            store.raiseHeadToNewest();
            return null;
        });
        assertEquals(head + 5, numbering.head());
        assertEquals(head + 6, append(message(newName("new"), null, "after it")).get(0).seq());
    }
}
