package org.parley.live.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.parley.metrics.ParleyMetrics;

/**
 * The connection pool: the one {@link Connections} of this server, made as Parley starts (its gauges are in the
 * metrics from the first scrape) and handed to whoever needs it once, when that bean is made. Joining, leaving and
 * every message then use it directly: no container call per message, and none under a user's line.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ConnectionRegistry {

    private final Connections pool = new Connections();

    @Inject
    ParleyMetrics metrics;

    /** What the pool holds, read at each scrape of the metrics. */
    @PostConstruct
    void measured() {
        metrics.gauge("parley_connections", "Open WebSocket connections", () -> pool.all().count());
        metrics.gauge("parley_users_online", "People with at least one open connection here", pool::onlineHere);
        metrics.gauge("parley_outbox_bytes", "Bytes queued for writing, over every connection",
                () -> pool.all().mapToLong(Connection::queuedBytes).sum());
    }

    @Produces
    public Connections pool() {
        return pool;
    }
}
