package org.parley.message.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.message.entity.ChatMessage;
import org.parley.operations.control.ParleyMetrics;

/**
 * Commits messages to the log, then hands each one on: persist, then push. Messages that arrive while a commit is
 * under way wait and go in the next one together (group commit), so the database sees one transaction per batch,
 * not per message. One batch at a time, in arrival order, and each batch's messages are handed on in the order the
 * log numbered them: whoever pushes them from {@code committed} sees the numbers only grow.
 */
@ApplicationScoped
public class MessageLog {

    private static final Logger LOG = Logger.getLogger(MessageLog.class.getName());
    // a transaction this size takes a few milliseconds on Derby, and bounds what one failure refuses
    private static final int BATCH_LIMIT = 256;

    /** A message waiting for its commit, and who is told when it is committed or failed. */
    public record Pending(ChatMessage message, Consumer<ChatMessage> committed, Consumer<RuntimeException> failed) {
    }

    @Inject
    MessageStore store;

    @Resource
    ManagedExecutorService executor;

    @Inject
    ParleyMetrics metrics;

    private SerialQueue<Pending> writes;
    private final AtomicLong lastSeq = new AtomicLong(-1);

    @PostConstruct
    void start() {
        writes = new SerialQueue<>(executor, BATCH_LIMIT, this::commit);
    }

    public void append(ChatMessage message, Consumer<ChatMessage> committed, Consumer<RuntimeException> failed) {
        writes.add(new Pending(message, committed, failed));
    }

    /**
     * Waits until every message appended so far is committed (or refused) and handed on, for a server that stops.
     *
     * @return false if {@code limit} passed first
     */
    public boolean awaitCommitted(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!writes.isIdle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** The number of the latest message committed (0 for an empty log). */
    public long lastSeq() {
        long last = lastSeq.get();
        if (last < 0) {
            lastSeq.compareAndSet(-1, store.lastSeq());
            last = lastSeq.get();
        }
        return last;
    }

    /**
     * Numbers the batch after the last message committed and commits it. Only this writer numbers messages, so
     * numbers follow commits; a batch that fails to commit used none, and the next batch takes them again. This
     * holds for one Parley per database: a second one writing to the same log would collide on the numbers (and be
     * refused by the key, losing nothing already stored).
     */
    private void commit(List<Pending> batch) {
        long next = lastSeq() + 1;
        List<ChatMessage> messages = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            messages.add(pending.message().numbered(next++));
        }
        long started = System.nanoTime();
        try {
            store.appendAll(messages);
        } catch (EJBException | jakarta.persistence.PersistenceException e) {
            metrics.batchFailed();
            LOG.log(Level.WARNING, "Could not commit " + batch.size() + " messages", e);
            batch.forEach(pending -> pending.failed().accept(e));
            return;
        }
        lastSeq.set(next - 1);
        metrics.batchCommitted(batch.size(), System.nanoTime() - started);
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            try {
                pending.committed().accept(messages.get(i));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not hand on a committed message", e);
            }
        }
    }
}
