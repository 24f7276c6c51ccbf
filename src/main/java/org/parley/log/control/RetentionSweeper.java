package org.parley.log.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Purges the log on a timer: messages past the history retention and, with no history kept, direct messages their
 * recipients confirmed. In batches, each its own short transaction, so the purge never holds up the message path;
 * messages past the (shorter) offline retention are already never pushed, the purge only frees the space.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());
    private static final int BATCH = 1000;

    @Inject
    LogSettings settings;

    @Resource
    TimerService timers;

    @EJB
    MessageStore store;

    @PostConstruct
    void schedule() {
        long every = settings.purgeInterval().toMillis();
        // not persistent: the schedule comes from settings at each start, and Payara Micro keeps no timer store
        timers.createIntervalTimer(every, every, new TimerConfig("retention sweep", false));
        LOG.info(() -> "History is kept for " + settings.history() + ", undelivered messages pushed for "
                + settings.retention() + ", swept every " + settings.purgeInterval());
    }

    @Timeout
    void sweep() {
        Duration history = settings.history();
        Duration kept = history.isZero() ? settings.retention() : history;
        Instant cutoff = Instant.now().minus(kept);
        int purged = purge(() -> store.sentBefore(cutoff, BATCH));
        if (history.isZero()) {
            purged += purge(() -> store.confirmedDirect(BATCH));
        }
        int total = purged;
        if (total > 0) {
            LOG.info(() -> "Purged " + total + " messages past their retention");
        }
    }

    private int purge(Supplier<List<Long>> nextBatch) {
        int purged = 0;
        List<Long> batch;
        do {
            batch = nextBatch.get();
            purged += store.delete(batch);
        } while (batch.size() == BATCH);
        return purged;
    }
}
