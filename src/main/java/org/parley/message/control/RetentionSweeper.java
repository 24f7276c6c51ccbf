package org.parley.message.control;

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
import java.time.Instant;
import java.util.logging.Logger;
import org.parley.setup.Setting;

/**
 * Purges offline messages past their retention on a timer. Expired messages are never delivered even before the
 * sweep; the sweep only frees the space.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());

    @Resource
    TimerService timers;

    @EJB
    OfflineMailbox mailbox;

    @PostConstruct
    void schedule() {
        long every = Setting.PURGE_INTERVAL.duration().toMillis();
        // not persistent: the schedule comes from settings at each start, and Payara Micro keeps no timer store
        timers.createIntervalTimer(every, every, new TimerConfig("retention sweep", false));
        LOG.info(() -> "Offline messages are kept for " + Setting.RETENTION.duration() + ", swept every "
                + Setting.PURGE_INTERVAL.duration());
    }

    @Timeout
    void sweep() {
        int purged = mailbox.purgeExpired(Instant.now());
        if (purged > 0) {
            LOG.info(() -> "Purged " + purged + " expired offline messages");
        }
    }
}
