package org.parley.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.parley.config.Setting;
import org.parley.metrics.ParleyMetrics;

/**
 * Parley's default database: Derby embedded, declared by the WAR itself (the {@code data-source} of WEB-INF/web.xml,
 * named {@code java:app/jdbc/parley}, which persistence.xml names too) so that dropping it into a server needs no admin step. Derby keeps its files in the
 * directory named by the {@code derby.system.home} system property, or in the server's working directory when that
 * is unset; the database itself is the folder {@code parley} there.
 * <p>
 * Derby lives in the WAR's class loader, so each deployment boots its own engine. Stopping that engine with the
 * application releases the database's lock; otherwise a redeploy finds it held and fails to boot (XSDB6).
 */
@Singleton
@Startup
public class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    private static final String ENGINE_STOPPED = "XJ015";

    @Inject
    ParleyMetrics metrics;

    /** Derby's page cache, for operators who size it ({@link DerbyPageCache}); none on the operator's database. */
    @PostConstruct
    void exportPageCache() {
        if (Setting.DATASOURCE.jndiName().isPresent()) {
            return;
        }
        metrics.gauge("parley_derby_page_cache_pages", "Pages Derby may keep in memory (parley.derby.page.cache)",
                () -> cache(DerbyPageCache.Reading::maxPages));
        metrics.gauge("parley_derby_page_cache_allocated_pages", "Pages Derby keeps in memory now",
                () -> cache(DerbyPageCache.Reading::allocatedPages));
        metrics.counter("parley_derby_page_cache_hits", "Pages Derby found in memory, counted from the first scrape",
                () -> cache(DerbyPageCache.Reading::hits));
        metrics.counter("parley_derby_page_cache_misses",
                "Pages Derby read from disk, counted from the first scrape", () -> cache(DerbyPageCache.Reading::misses));
    }

    private static double cache(ToLongFunction<DerbyPageCache.Reading> figure) {
        return DerbyPageCache.read().map(reading -> (double) figure.applyAsLong(reading)).orElse(Double.NaN);
    }

    @PreDestroy
    void stopEngine() {
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException e) {
            if (ENGINE_STOPPED.equals(e.getSQLState())) {
                LOG.fine("Derby stopped");
            } else {
                LOG.log(Level.WARNING, "Derby did not stop cleanly; a redeploy may find the database locked", e);
            }
        }
    }
}
