package org.parley.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.parley.live.control.OtherServers;

/**
 * Gives the live connections {@link HintsOut} when {@code parley.cluster.connectionFactory} names the broker that joins
 * this server to others, and {@link OtherServers#NONE} when it is the only one.
 */
@ApplicationScoped
public class OtherServersChoice {

    @Inject
    Instance<HintsOut> hintsOut;

    @Inject
    ClusterSettings settings;

    @Produces
    OtherServers otherServers() {
        return settings.connectionFactory().isPresent() ? hintsOut.get() : OtherServers.NONE;
    }
}
