package org.parley.log.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.parley.config.Setting;

/**
 * What an operator set for what the log keeps and tells, read once as Parley starts (README's settings table).
 *
 * @param history zero when a direct message is kept only until it is delivered
 * @param shared whether other servers write the log too (a cluster's connection factory is set)
 */
public record LogSettings(Duration retention, Duration history, Duration purgeInterval, int mailboxCapacity,
        boolean readReceipts, boolean shared) {

    public static LogSettings read() {
        return new LogSettings(Setting.RETENTION.duration(), Setting.HISTORY_RETENTION.span(),
                Setting.PURGE_INTERVAL.duration(), Setting.MAILBOX_CAPACITY.positiveInt(),
                Setting.READ_RECEIPTS.isOn(), Setting.CLUSTER_CONNECTION_FACTORY.jndiName().isPresent());
    }

    /** Gives every bean the one instance (a record: no proxy, so the pseudo-scope). */
    @ApplicationScoped
    static class Source {
        @Produces
        @Singleton
        LogSettings settings() {
            return read();
        }
    }
}
