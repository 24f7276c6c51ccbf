package org.parley.store;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.parley.config.Setting;

/**
 * How many pages the embedded database keeps in memory, and how well they serve it. Derby's default, 1,000 pages,
 * is small beside the log's indexes: in Derby alone an indexed insert into a log of a million rows took 30–50% more
 * CPU with it than with 20,000 pages (README, Performance), and an insert whose index pages are not in the cache
 * reads them from disk. Derby reads its page cache size once, from a JVM system property, as a database starts;
 * Parley's own data source ({@link EmbeddedDerbySource}) sets it before its database can start.
 */
public final class DerbyPageCache {

    /** Derby's own property, which an operator may set on the JVM to decide the size outright. */
    public static final String PROPERTY = "derby.storage.pageCacheSize";
    /** Derby's default, and the least Parley asks for. */
    static final int DERBY_DEFAULT = 1_000;
    // the log's tables and indexes are kept in pages of this size (migration 7)
    private static final long PAGE_BYTES = 32 * 1024;
    private static final long HEAP_SHARE = 8;
    private static final String DATABASE = "parley";
    private static final Logger LOG = Logger.getLogger(DerbyPageCache.class.getName());

    private DerbyPageCache() {
    }

    /**
     * The pages to ask Derby for: the operator's JVM property when set (then Parley leaves it alone: none is
     * returned), else the setting's number, else an eighth of the heap.
     */
    static OptionalInt pagesFor(String operatorsProperty, OptionalInt setting, long maxHeapBytes) {
        if (operatorsProperty != null && !operatorsProperty.isBlank()) {
            return OptionalInt.empty();
        }
        if (setting.isPresent()) {
            return setting;
        }
        return OptionalInt.of((int) Math.max(DERBY_DEFAULT, maxHeapBytes / HEAP_SHARE / PAGE_BYTES));
    }

    /** Sets Derby's property, unless the operator has, before Parley's embedded database starts. */
    static void setBeforeBoot() {
        if (Setting.DATASOURCE.jndiName().isPresent()) {
            return; // the operator's database: Parley's embedded one, opened all the same, holds nothing
        }
        OptionalInt pages = pagesFor(System.getProperty(PROPERTY), Setting.DERBY_PAGE_CACHE.positiveIntOrAuto(),
                Runtime.getRuntime().maxMemory());
        if (pages.isPresent()) {
            System.setProperty(PROPERTY, Integer.toString(pages.getAsInt()));
            LOG.info(() -> "Derby keeps up to " + pages.getAsInt() + " pages of its database in memory ("
                    + Setting.DERBY_PAGE_CACHE.property() + ")");
        } else {
            LOG.info(() -> "Derby's page cache is the JVM's " + PROPERTY + "=" + System.getProperty(PROPERTY));
        }
    }

    /** What the cache of Parley's embedded database holds and did, as Derby reports it; none before it starts. */
    public record Reading(long maxPages, long allocatedPages, long hits, long misses) {
    }

    /**
     * Reads the cache's figures from Derby's management bean, and has Derby count hits and misses from the first
     * reading on (it does not by default).
     */
    public static Optional<Reading> read() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(
                    new ObjectName("org.apache.derby:type=CacheManager,name=PageCache,*"), null)) {
                if (!isParleys(ObjectName.unquote(name.getKeyProperty("db")))) {
                    continue;
                }
                if (!(Boolean) server.getAttribute(name, "CollectAccessCounts")) {
                    server.setAttribute(name, new Attribute("CollectAccessCounts", true));
                }
                return Optional.of(new Reading((Long) server.getAttribute(name, "MaxEntries"),
                        (Long) server.getAttribute(name, "AllocatedEntries"),
                        (Long) server.getAttribute(name, "HitCount"), (Long) server.getAttribute(name, "MissCount")));
            }
        } catch (JMException | IllegalArgumentException e) {
            LOG.fine(() -> "Derby's page cache could not be read: " + e);
        }
        return Optional.empty();
    }

    private static boolean isParleys(String database) {
        return database.equals(DATABASE) || database.endsWith("/" + DATABASE) || database.endsWith("\\" + DATABASE);
    }
}
