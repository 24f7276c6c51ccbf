package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.parley.account.entity.AccountCreated;
import org.parley.account.entity.AccountRemoved;
import org.parley.account.entity.SessionsEnded;
import org.parley.account.entity.UserName;
import org.parley.testing.Fired;
import org.parley.testing.InMemoryStore;

/** Names and their claims on the real persistence unit, EclipseLink on an in-memory Derby, outside any server. */
class AccountsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static EntityManagerFactory factory;
    private Accounts accounts;
    private Fired<AccountCreated> created;
    private Fired<SessionsEnded> ended;
    private Fired<AccountRemoved> removed;

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
        accounts.settings = AccountSettings.read();
        created = Fired.kept();
        ended = Fired.kept();
        removed = Fired.kept();
        accounts.created = created;
        accounts.ended = ended;
        accounts.removed = removed;
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
    void everyEndOfAnAccountsSessionsIsAnnouncedAndARemovalToo() {
        String ann = "ann" + suffix();
        inTransaction(() -> accounts.signUp(UserName.parse(ann), "anns password", T0));
        assertEquals(List.of(new AccountCreated(ann)), created.events());
        inTransaction(() -> {
            accounts.voidTickets(ann, T0.plusSeconds(1));
            accounts.changePassword(ann, "anns new password", T0.plusSeconds(2));
            return accounts.suspend(ann, T0.plusSeconds(3), "suspended by an operator");
        });
        assertEquals(List.of(new SessionsEnded(ann, "signed out"),
                new SessionsEnded(ann, "the password was changed: sign in again"),
                new SessionsEnded(ann, "suspended by an operator")), ended.events());
        assertEquals(List.of(), removed.events());
        assertTrue(inTransaction(() -> accounts.remove(ann)));
        assertEquals(List.of(new AccountRemoved(ann)), removed.events());
        assertFalse(inTransaction(() -> accounts.remove(ann)), "gone already");
        assertEquals(1, removed.events().size(), "nothing announced for an account that is not there");
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
