package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.control.AccountStores;
import org.parley.account.control.Accounts;
import org.parley.account.entity.UserName;
import org.parley.log.entity.ChatMessage;
import org.parley.testing.Fired;
import org.parley.testing.InMemoryStore;

/** Accounts announce; the log deletes in the announcing transaction. */
class AccountHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final String DATABASE = "account-history-test";
    private static EntityManagerFactory factory;
    private EntityManager em;
    private Accounts accounts;
    private MessageStore messages;
    private LogWriter writer;

    @BeforeAll
    static void createStore() {
        System.setProperty("parley.password.iterations", "1000");
        factory = InMemoryStore.open(DATABASE);
    }

    @AfterAll
    static void closeStore() {
        factory.close();
        System.clearProperty("parley.password.iterations");
    }

    @BeforeEach
    void wire() {
        em = factory.createEntityManager();
        messages = MessageStores.on(em);
        writer = LogWriters.on(InMemoryStore.dataSource(DATABASE), false);
        AccountHistory history = new AccountHistory();
        history.messages = messages;
        history.marks = new Marks();
        history.marks.em = em;
        accounts = AccountStores.on(em, Fired.to(history::created), Fired.to(history::removed));
    }

    private <T> T inTransaction(Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "q");
    }

    private ChatMessage message(String from, String to) {
        return new ChatMessage(UUID.randomUUID().toString(), from, to, "hello", T0);
    }

    @Test
    void aNameTakenAgainStartsWithNothingSentToItBeforeNotEvenAMessageThatRacedTheRemoval() {
        String s = suffix();
        String zed = "zed" + s;
        // stored to the name after its account was removed, before this server heard of the removal
        LogWriters.numbered(writer, List.of(message("ann" + s, zed)));
        assertEquals(1, inTransaction(() -> messages.countTo(zed, 0, T0.minusSeconds(1))));
        inTransaction(() -> accounts.signUp(UserName.parse(zed), "zeds password", T0));
        assertEquals(0, inTransaction(() -> messages.countTo(zed, 0, T0.minusSeconds(1))));
    }

    @Test
    void aRemovalTakesWhatWasSentToTheAccountInItsTransactionAndNothingOfOthers() {
        String s = suffix();
        String bob = "bob" + s;
        String cat = "cat" + s;
        inTransaction(() -> accounts.signUp(UserName.parse(bob), "bobs password", T0));
        LogWriters.numbered(writer, List.of(message(cat, bob), message(cat, "dan" + s)));
        assertEquals(1, inTransaction(() -> messages.countTo(bob, 0, T0.minusSeconds(1))));
        inTransaction(() -> accounts.remove(bob));
        assertEquals(0, inTransaction(() -> messages.countTo(bob, 0, T0.minusSeconds(1))));
        assertEquals(1, inTransaction(() -> messages.countTo("dan" + s, 0, T0.minusSeconds(1))), "not bob's");
    }
}
