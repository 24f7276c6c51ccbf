package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.parley.config.Setting;

/**
 * What an operator set for accounts and signing in, read once as Parley starts (README's settings table).
 *
 * @param openMode a bare name is enough to connect: no accounts, no tickets
 */
public record AccountSettings(boolean openMode, Duration ticketLifetime, int passwordIterations,
        Duration signInBackoffLimit, int signUpPerAddress, int signUpPerServer) {

    public static AccountSettings read() {
        return new AccountSettings(Setting.OPEN_MODE.isOn(), Setting.TICKET_LIFETIME.duration(),
                Setting.PASSWORD_ITERATIONS.positiveInt(), Setting.SIGN_IN_BACKOFF_LIMIT.duration(),
                Setting.SIGN_UP_PER_ADDRESS.positiveInt(), Setting.SIGN_UP_PER_SERVER.positiveInt());
    }

    /** Gives every bean the one instance (a record: no proxy, so the pseudo-scope). */
    @ApplicationScoped
    static class Source {
        @Produces
        @Singleton
        AccountSettings settings() {
            return read();
        }
    }
}
