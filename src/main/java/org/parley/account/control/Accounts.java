package org.parley.account.control;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.account.entity.Account;
import org.parley.account.entity.AccountCreated;
import org.parley.account.entity.AccountRemoved;
import org.parley.account.entity.NameClaim;
import org.parley.account.entity.SessionsEnded;
import org.parley.account.entity.SigningKey;
import org.parley.account.entity.UserName;
import org.parley.config.Setting;

/** The store of accounts. Each call is its own transaction. */
@Stateless
public class Accounts {

    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    private static final int EXISTING_PER_QUERY = 500;

    @Inject
    AccountSettings settings;

    @Inject
    EntityManager em;

    @Inject
    Event<AccountCreated> created;

    @Inject
    Event<SessionsEnded> ended;

    @Inject
    Event<AccountRemoved> removed;

    /** A sign-up that cannot be accepted, with a reason fit to show the person. */
    @ApplicationException(rollback = true)
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** What was wrong, for the answer's error code. */
        public enum Cause {
            INVALID_NAME, INVALID_PASSWORD, NAME_TAKEN
        }

        private final Cause cause;

        Refused(String reason, Cause cause) {
            super(reason);
            this.cause = cause;
        }

        public Cause cause() {
            return cause;
        }
    }

    /** @throws Refused when the password is too short or too long, or the name breaks the rules or is taken */
    public Account signUp(UserName name, String password, Instant now) {
        checkPassword(password);
        NamePolicy.refusalOf(name).ifPresent(reason -> {
            throw new Refused(reason, Refused.Cause.INVALID_NAME);
        });
        Set<String> claims = NamePolicy.claimsOf(name.value());
        holders(claims).stream().findFirst().ifPresent(holder -> {
            throw new Refused(holder.equals(name.value()) ? "the name " + holder + " is taken"
                    : "the name " + name.value() + " is too like " + holder + ", which is taken",
                    Refused.Cause.NAME_TAKEN);
        });
        Account account = new Account(name.value(), PasswordHash.of(password, settings.passwordIterations()), now);
        em.persist(account);
        claims.forEach(claim -> em.persist(new NameClaim(claim, name.value())));
        created.fire(new AccountCreated(name.value()));
        return account;
    }

    /** @return the accounts whose names hold any of these claims */
    private List<String> holders(Collection<String> claims) {
        return held(claims).stream().map(NameClaim::accountName).distinct().toList();
    }

    /** @return those of these claims that some account holds */
    private List<NameClaim> held(Collection<String> claims) {
        return em.createNamedQuery(NameClaim.HOLDERS, NameClaim.class).setParameter("claims", claims)
                .getResultList();
    }

    /** @return the existing account whose name this one would be mistaken for (or is), if any */
    public Optional<String> lookAlikeOf(UserName name) {
        return holders(NamePolicy.claimsOf(name.value())).stream().findFirst();
    }

    public static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new Refused("a password needs at least " + MIN_PASSWORD_LENGTH + " characters",
                    Refused.Cause.INVALID_PASSWORD);
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new Refused("a password may have at most " + MAX_PASSWORD_LENGTH + " characters",
                    Refused.Cause.INVALID_PASSWORD);
        }
    }

    /** @return the account when the name (in any case or spelling) exists and the password is its password */
    public Optional<Account> verify(String rawName, String password) {
        UserName name;
        try {
            name = UserName.parse(rawName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Account> account = find(name.value());
        if (account.isEmpty() || password == null || password.length() > MAX_PASSWORD_LENGTH
                || !PasswordHash.matches(password, account.get().passwordHash())) {
            return Optional.empty();
        }
        return account;
    }

    /**
     * The account of this name as spelled, else the one this name is a case or Unicode variant of. The exact
     * spelling comes first: two accounts made before names were folded ({@code Paul} and {@code paul}) each keep
     * signing in as written.
     */
    public Optional<Account> find(String name) {
        Account exact = em.find(Account.class, name);
        if (exact != null) {
            return Optional.of(exact);
        }
        NameClaim folded = em.find(NameClaim.class, NamePolicy.foldClaimOf(name));
        return folded == null ? Optional.empty() : Optional.ofNullable(em.find(Account.class, folded.accountName()));
    }

    /** @return which of these accounts (named as they spell themselves) exist */
    public Set<String> existing(Collection<String> names) {
        List<String> asked = List.copyOf(names);
        Set<String> found = new HashSet<>();
        // a bounded IN list per query, whatever the database's limit on parameters
        for (int from = 0; from < asked.size(); from += EXISTING_PER_QUERY) {
            found.addAll(em.createQuery("SELECT a.name FROM Account a WHERE a.name IN :names", String.class)
                    .setParameter("names", asked.subList(from, Math.min(asked.size(), from + EXISTING_PER_QUERY)))
                    .getResultList());
        }
        return found;
    }

    /**
     * Gives up to {@code most} accounts that have no claims yet (made before claims existed) theirs, oldest account
     * first: of two existing look-alikes, the older keeps the folded name, and the younger is found by its exact
     * spelling only.
     *
     * @return how many accounts were claimed for; fewer than {@code most} means none is left
     */
    public int claimUnclaimedNames(int most) {
        List<Account> unclaimed = em.createQuery("SELECT a FROM Account a WHERE NOT EXISTS "
                        + "(SELECT c FROM NameClaim c WHERE c.accountName = a.name) ORDER BY a.createdAt, a.name",
                        Account.class).setMaxResults(most).getResultList();
        for (Account account : unclaimed) {
            Set<String> claims = NamePolicy.claimsOf(account.name());
            // the query flushes the claims persisted for the accounts before this one
            claims.removeAll(held(claims).stream().map(NameClaim::claim).toList());
            claims.forEach(claim -> em.persist(new NameClaim(claim, account.name())));
        }
        return unclaimed.size();
    }

    /** Signs the account out everywhere: no ticket issued before {@code now} opens a connection again. */
    public void voidTickets(String name, Instant now) {
        Account account = em.find(Account.class, name);
        if (account != null) {
            account.voidTicketsIssuedBefore(now);
            ended.fire(new SessionsEnded(name, "signed out"));
        }
    }

    /** @return the account, suspended now (if it was not already); its connections close with this reason */
    public Optional<Account> suspend(String name, Instant now, String reason) {
        Optional<Account> account = find(name);
        account.ifPresent(a -> {
            a.suspend(now);
            ended.fire(new SessionsEnded(name, reason));
        });
        return account;
    }

    public Optional<Account> reinstate(String name) {
        Optional<Account> account = find(name);
        account.ifPresent(Account::reinstate);
        return account;
    }

    /**
     * Sets a new password and voids every ticket issued before {@code now}, on every device: whoever had the old one
     * signs in again.
     */
    public void changePassword(String name, String newPassword, Instant now) {
        checkPassword(newPassword);
        Account account = em.find(Account.class, name);
        account.changePassword(PasswordHash.of(newPassword, settings.passwordIterations()));
        account.voidTicketsIssuedBefore(now);
        ended.fire(new SessionsEnded(name, "the password was changed: sign in again"));
    }

    /**
     * Removes the account and its name, so that the name may be taken again (by someone who sees nothing of what
     * was). Its messages and marks go with it, in this transaction, by whoever observes {@link AccountRemoved}.
     */
    public boolean remove(String name) {
        Account account = em.find(Account.class, name);
        if (account == null) {
            return false;
        }
        em.createQuery("DELETE FROM NameClaim c WHERE c.accountName = :name").setParameter("name", name)
                .executeUpdate();
        em.remove(account);
        removed.fire(new AccountRemoved(name));
        return true;
    }

    /** A sign-out or a suspension, and when it happened: connections opened before it are void. */
    public record Voided(String name, Instant at, boolean suspended) {
    }

    /**
     * Accounts signed out (or whose password changed) or suspended after {@code since}: for servers of one chat
     * that may not have heard of it.
     */
    public List<Voided> voidedSince(Instant since) {
        long after = since.toEpochMilli();
        return em.createQuery("SELECT a FROM Account a WHERE a.ticketsValidFrom > :after OR a.suspendedAt > :after",
                Account.class).setParameter("after", after).getResultList().stream()
                .map(account -> account.suspended()
                        ? new Voided(account.name(), account.suspendedAt().orElseThrow(), true)
                        : new Voided(account.name(), account.ticketsValidFrom(), false))
                .toList();
    }

    /** @return the stored signing key, made now if there is none yet */
    public byte[] signingKey() {
        SigningKey stored = em.find(SigningKey.class, SigningKey.THE_ONE);
        if (stored == null) {
            byte[] key = new byte[Setting.MIN_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            stored = new SigningKey(key);
            em.persist(stored);
        }
        return stored.bytes();
    }
}
