package org.parley.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.parley.config.Setting;

/**
 * What an operator set for several servers as one chat, read once as Parley starts (README's settings table).
 *
 * @param connectionFactory empty when this server is the only one
 */
public record ClusterSettings(Optional<String> connectionFactory, Optional<String> topic, Duration lease) {

    public static ClusterSettings read() {
        return new ClusterSettings(Setting.CLUSTER_CONNECTION_FACTORY.jndiName(),
                Setting.CLUSTER_TOPIC.jndiName(), Setting.CLUSTER_LEASE.duration());
    }

    /** The setting that names the connection factory, for a message that says what to fix. */
    static String factoryProperty() {
        return Setting.CLUSTER_CONNECTION_FACTORY.property();
    }

    /** Gives every bean the one instance (a record: no proxy, so the pseudo-scope). */
    @ApplicationScoped
    static class Source {
        @Produces
        @Singleton
        ClusterSettings settings() {
            return read();
        }
    }
}
