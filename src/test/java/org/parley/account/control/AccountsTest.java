package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.account.entity.Account;
import org.parley.chat.entity.UserName;
import org.parley.message.control.MessageStores;
import org.parley.message.entity.ChatMessage;
import org.parley.testing.InMemoryStore;

/** Names and their claims on the real persistence unit, EclipseLink on an in-memory Derby, outside any server. */
class AccountsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static EntityManagerFactory factory;
    private Accounts accounts;

    @BeforeAll
    static void createStore() {
        System.setProperty("parley.password.iterations", "1000");
        factory = InMemoryStore.open("accounts-test");
    }

    @AfterAll
    static void closeStore() {
        factory.close();
        System.clearProperty("parley.password.iterations");
    }

    @BeforeEach
    void openStore() {
        accounts = new Accounts();
        accounts.em = factory.createEntityManager();
        accounts.messages = MessageStores.on(accounts.em);
    }

    private <T> T inTransaction(Supplier<T> work) {
        accounts.em.getTransaction().begin();
        try {
            T result = work.get();
            accounts.em.getTransaction().commit();
            return result;
        } finally {
            if (accounts.em.getTransaction().isActive()) {
                accounts.em.getTransaction().rollback();
            }
            accounts.em.clear();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "q");
    }

    @Test
    void aNameTakenAgainStartsWithNothingSentToItBeforeNotEvenAMessageThatRacedTheRemoval() {
        String s = suffix();
        String zed = "zed" + s;
        // stored to the name after its account was removed, before this server heard of the removal
        inTransaction(() -> accounts.messages.appendAll(List.of(
                new ChatMessage(UUID.randomUUID().toString(), "ann" + s, zed, "too late", T0))));
        assertEquals(1, inTransaction(() -> accounts.messages.countTo(zed, 0, T0.minusSeconds(1))));
        inTransaction(() -> accounts.signUp(UserName.parse(zed), "zeds password", T0));
        assertEquals(0, inTransaction(() -> accounts.messages.countTo(zed, 0, T0.minusSeconds(1))));
    }

    @Test
    void aLookAlikeOfAnAccountIsTakenAndSignInFindsTheAccountInAnyCase() {
        String s = suffix();
        inTransaction(() -> accounts.signUp(UserName.parse("paul" + s), "pauls password", T0));
        Accounts.Refused refused = assertThrows(Accounts.Refused.class, () -> inTransaction(
                () -> accounts.signUp(UserName.parse("pauI" + s), "another password", T0)));
        assertEquals(Accounts.Refused.Cause.NAME_TAKEN, refused.cause());
        assertTrue(refused.getMessage().contains("too like paul" + s), refused.getMessage());
        assertEquals("paul" + s, inTransaction(() -> accounts.verify("PAUL" + s.toUpperCase(), "pauls password"))
                .orElseThrow().name());
        assertTrue(inTransaction(() -> accounts.verify("PAUL" + s.toUpperCase(), "wrong password")).isEmpty());
    }

    @Test
    void accountsMadeBeforeClaimsKeepSigningInAndTheOlderOfTwoLookAlikesKeepsTheFoldedName() {
        String s = suffix();
        // as a database made by an earlier Parley holds them: two accounts differing in case, no claims
        inTransaction(() -> {
            accounts.em.persist(new Account("ann" + s, PasswordHash.of("anns password", 1000), T0));
            accounts.em.persist(new Account("Ann" + s, PasswordHash.of("the other anns", 1000), T0.plusSeconds(1)));
            return null;
        });
        assertEquals("Ann" + s, inTransaction(() -> accounts.verify("Ann" + s, "the other anns")).orElseThrow()
                .name(), "found by its exact spelling before any claims");
        int claimed;
        do {
            claimed = inTransaction(() -> accounts.claimUnclaimedNames(500));
        } while (claimed == 500);
        assertEquals(0, inTransaction(() -> accounts.claimUnclaimedNames(500)), "every account is claimed once");
        assertEquals("ann" + s, inTransaction(() -> accounts.verify("ANN" + s.toUpperCase(), "anns password"))
                .orElseThrow().name(), "the older one is found in any case");
        assertEquals("Ann" + s, inTransaction(() -> accounts.verify("Ann" + s, "the other anns")).orElseThrow()
                .name(), "the younger one still signs in as written");
        assertThrows(Accounts.Refused.class, () -> inTransaction(
                () -> accounts.signUp(UserName.parse("aNN" + s), "a third password", T0)), "and nobody new joins them");
    }

    @Test
    void aNameAgainstThePolicyIsRefusedAsInvalid() {
        Accounts.Refused refused = assertThrows(Accounts.Refused.class, () -> inTransaction(
                () -> accounts.signUp(UserName.parse("\u3164\u3164"), "long enough", T0)));
        assertEquals(Accounts.Refused.Cause.INVALID_NAME, refused.cause());
    }
}
