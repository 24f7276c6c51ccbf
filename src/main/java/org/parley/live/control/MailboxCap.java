package org.parley.live.control;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.log.control.LogSettings;
import org.parley.log.control.Marks;
import org.parley.log.control.MessageStore;

/**
 * Holds what waits for each user who is away to the mailbox cap ({@code parley.mailbox.capacity}) without counting
 * their whole mailbox for every message: the log is counted once, then each message let in adds one, and the count is
 * taken again once it is {@link #RECOUNT_AFTER} old (what other servers of the chat let in, what the retention
 * sweeper deleted) or when the user comes and goes (what they received). So a burst to one absent person costs one count
 * a second, not one per message however many wait.
 * <p>
 * The cap stays soft, as it was with a count per message: messages let in but not yet committed when the log is
 * counted again, or let in by other servers within a second, may pass it by what is in flight; a message let in
 * whose commit then fails is counted until the next count.
 */
@ApplicationScoped
public class MailboxCap {

    private static final Logger LOG = Logger.getLogger(MailboxCap.class.getName());

    static final long RECOUNT_AFTER = TimeUnit.SECONDS.toNanos(1);

    @Inject
    LogSettings settings;

    @Inject
    MessageStore store;

    @Inject
    Marks marks;

    LongSupplier clock = System::nanoTime;

    private record Waiting(AtomicLong count, long countedAt) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong swept = new AtomicLong();

    /**
     * For a recipient who is away: whether one more message may wait for them, counting it in when it may.
     *
     * @return false when the mailbox is full
     */
    public boolean letIn(String recipient) {
        long now = clock.getAsLong();
        Waiting known = waiting.get(recipient);
        if (known == null || now - known.countedAt() >= RECOUNT_AFTER) {
            forgetOld(now);
            long counted = count(recipient);
            if (counted < 0) {
                return true;
            }
            // counted outside the map's lock; two senders counting at once both count, and the first count stays
            Waiting fresh = new Waiting(new AtomicLong(counted), now);
            known = waiting.compute(recipient,
                    (name, other) -> other != null && now - other.countedAt() < RECOUNT_AFTER ? other : fresh);
        }
        int capacity = settings.mailboxCapacity();
        // one step, so that two senders at once cannot both take the last place
        return known.count().getAndUpdate(n -> n < capacity ? n + 1 : n) < capacity;
    }

    /**
     * The user connected, or left: while they are here what they receive leaves their mailbox, so it is counted
     * again when next it matters (on leaving too: a sender may have counted just as they connected).
     */
    public void recount(String user) {
        waiting.remove(user);
    }

    /** @return -1 when the database could not say */
    private long count(String recipient) {
        try {
            return store.countTo(recipient, marks.deliveredTo(recipient),
                    Instant.now().minus(settings.retention()));
        } catch (EJBException e) {
            // a database that cannot count will likely not store either, and then the sender is told so
            LOG.log(Level.WARNING, "Could not count the messages waiting for " + recipient, e);
            return -1;
        }
    }

    // a count a second old is taken again anyway, so keeping it only costs memory; looked for once a second at most
    private void forgetOld(long now) {
        long last = swept.get();
        if ((last == 0 || now - last >= RECOUNT_AFTER) && swept.compareAndSet(last, now)) {
            waiting.values().removeIf(old -> now - old.countedAt() >= RECOUNT_AFTER);
        }
    }
}
