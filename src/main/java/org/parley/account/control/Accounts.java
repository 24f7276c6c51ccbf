package org.parley.account.control;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.parley.account.entity.Account;
import org.parley.account.entity.SigningKey;
import org.parley.chat.entity.UserName;
import org.parley.setup.Setting;

/** The store of accounts. Each call is its own transaction. */
@Stateless
public class Accounts {

    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    @Inject
    EntityManager em;

    /** A sign-up that cannot be accepted, with a reason fit to show the person. */
    @ApplicationException(rollback = true)
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final boolean nameTaken;

        Refused(String reason, boolean nameTaken) {
            super(reason);
            this.nameTaken = nameTaken;
        }

        public boolean nameTaken() {
            return nameTaken;
        }
    }

    /** @throws Refused when the password is too short or too long, or the name is taken */
    public Account signUp(UserName name, String password, Instant now) {
        checkPassword(password);
        if (em.find(Account.class, name.value()) != null) {
            throw new Refused("the name " + name.value() + " is taken", true);
        }
        Account account = new Account(name.value(), PasswordHash.of(password, Setting.PASSWORD_ITERATIONS
                .positiveInt()), now);
        em.persist(account);
        return account;
    }

    public static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new Refused("a password needs at least " + MIN_PASSWORD_LENGTH + " characters", false);
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new Refused("a password may have at most " + MAX_PASSWORD_LENGTH + " characters", false);
        }
    }

    /** @return the account when the name exists and the password is its password */
    public Optional<Account> verify(String rawName, String password) {
        UserName name;
        try {
            name = UserName.parse(rawName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Account account = em.find(Account.class, name.value());
        if (account == null || password == null || password.length() > MAX_PASSWORD_LENGTH
                || !PasswordHash.matches(password, account.passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(account);
    }

    public Optional<Account> find(String name) {
        return Optional.ofNullable(em.find(Account.class, name));
    }

    /** Signs the account out everywhere: no ticket issued before {@code now} opens a connection again. */
    public void voidTickets(String name, Instant now) {
        Account account = em.find(Account.class, name);
        if (account != null) {
            account.voidTicketsIssuedBefore(now);
        }
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
