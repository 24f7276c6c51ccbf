package org.parley.log.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;
import org.parley.metrics.ParleyMetrics;

/**
 * Commits messages to the log, then hands each one on: persist, then push. Messages that arrive while a commit is
 * under way wait and go in the next one together (group commit), so the database sees one transaction per batch,
 * not per message. One batch at a time, in arrival order.
 * <p>
 * Several servers may share the log, and commit side by side ({@link Reservations}). Each hands on every message in
 * the log's order ({@link CommitOrder}), its own and those of others as it hears of them ({@link #committedElsewhere});
 * a message it did not hear of within {@link #HOLE_WAIT} is read from the log once it is known to be committed.
 * Whoever pushes messages from here sees the numbers only grow.
 */
@ApplicationScoped
public class MessageLog {

    private static final Logger LOG = Logger.getLogger(MessageLog.class.getName());
    // a transaction this size takes a few milliseconds on Derby, and bounds what one failure refuses
    private static final int BATCH_LIMIT = 256;
    // how long a hole in the numbers waits for word of its messages from the server that committed them
    static final Duration HOLE_WAIT = Duration.ofMillis(250);
    private static final int FILL_PAGE = 1000;

    /** A message waiting for its commit, what it is handed on with, and who is told if it fails. */
    record Pending(ChatMessage message, Object origin, Consumer<RuntimeException> failed) {
    }

    @Inject
    MessageStore store;

    @Inject
    LogWriter writer;

    @Inject
    Reservations reservations;

    @Inject
    LogSettings settings;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ParleyMetrics metrics;

    @Inject
    HandOn handOn;

    private SerialQueue<Pending> writes;
    private ScheduledFuture<?> holeFilling;
    private volatile CommitOrder order;
    // where servers share the log, held from a batch's commit until its messages are in the commit order, and by a read
    // that fills a hole: a read between the two would hand on this server's messages as another's, without their
    // senders' acknowledgements
    private final Object numbering = new Object();
    private final LongAdder readBack = new LongAdder();

    @PostConstruct
    void start() {
        writes = new SerialQueue<>(threads, "parley-log-writer", BATCH_LIMIT, this::commit);
        if (settings.shared()) {
            metrics.counter("parley_log_order_held_seconds_total", "Time this server held the order in which every"
                    + " server of the chat numbers messages: the part of each message no two servers do at once",
                    reservations::heldSeconds);
            metrics.counter("parley_cluster_headers_read_total", "Messages another server told only by their number"
                    + " and people that were read from the log: one of the people had connected here before it heard",
                    readBack::sum);
        }
        long every = HOLE_WAIT.toMillis() / 2;
        holeFilling = scheduler.scheduleWithFixedDelay(this::fillHoleSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        holeFilling.cancel(false);
        writes.close();
    }

    /**
     * Numbers and commits the message with others that wait; then it is handed on with {@code origin}, or
     * {@code failed} is told why it was not stored: a {@link LogRefusal} when the log's admission refused it.
     */
    public void append(ChatMessage message, Object origin, Consumer<RuntimeException> failed) {
        writes.add(new Pending(message, origin, failed));
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

    /**
     * The number up to which every message of the log has been handed on or is being handed on now (0 for an empty
     * log): what a reader of the log may read up to, knowing that anything after it is still to be handed on.
     */
    public long lastSeq() {
        return order().handedOn();
    }

    /**
     * Messages another server committed, as it told this one: handed on in their place in the log's order. Of those
     * it sent as headers (it thought nobody here wanted them), one that would reach a connection here when its turn
     * comes is read from the log then: its recipient or sender connected here before the other server heard of it.
     */
    public void committedElsewhere(List<ChatMessage> messages, List<Header> headers) {
        long now = System.nanoTime();
        CommitOrder commits = order();
        // in any order: a number waits in the commit order for those below it, told a moment later
        messages.forEach(message -> commits.committed(message, this::handOnElsewhere, now));
        headers.forEach(header -> commits.committed(header.seq(), () -> handOnHeader(header), now));
    }

    /**
     * Reads how far the log is committed: whatever was committed up to there and not yet heard of is read from the
     * log soon. Voids first what a stopped server reserved and will never commit ({@link Reservations#voidStale}).
     */
    public void checkHead() {
        reservations.voidStale(System.nanoTime());
        CommitOrder commits = order();
        commits.knownUpTo(committedUpTo(commits), System.nanoTime());
    }

    /**
     * Shared, what the servers' reservations leave. Alone, the highest number this server's writer has told the
     * commit order: it commits in order, so every number below it is in the order or was never given. Alone, never
     * the head once numbering began: {@code LOG_FLOOR} is the end of the block reserved, numbers not yet given among
     * them, which the order, told they were known, would pass by and then drop the messages given them.
     */
    private long committedUpTo(CommitOrder commits) {
        return settings.shared() ? reservations.committedUpTo() : commits.highestTold();
    }

    private CommitOrder order() {
        CommitOrder commits = order;
        if (commits == null) {
            synchronized (numbering) {
                if (order == null) {
                    store.raiseHeadToNewest();
                    // alone, the head as this server starts: every number up to it was given before, or never will be
                    order = new CommitOrder(settings.shared() ? reservations.committedUpTo() : reservations.head());
                }
                commits = order;
            }
        }
        return commits;
    }

    /**
     * Commits the batch, numbered after the last message any server committed ({@link LogWriter}); a batch that
     * fails to commit used no number.
     */
    private void commit(List<Pending> batch) {
        if (settings.shared()) {
            synchronized (numbering) {
                commitAndHandOn(batch);
            }
        } else {
            // alone, nothing raises what is known to be committed but this writer, so a hole is never read while a
            // batch is between its commit and the commit order: no lock, and no database call under one
            commitAndHandOn(batch);
        }
    }

    private void commitAndHandOn(List<Pending> batch) {
        List<ChatMessage> messages = batch.stream().map(Pending::message).toList();
        CommitOrder commits = order();
        List<LogWriter.Placed> placed;
        long started = System.nanoTime();
        try {
            placed = writer.append(messages);
        } catch (RuntimeException e) {
            metrics.batchFailed();
            LOG.log(Level.WARNING, "Could not commit " + batch.size() + " messages", e);
            batch.forEach(pending -> pending.failed().accept(e));
            return;
        }
        long now = System.nanoTime();
        metrics.batchCommitted(batch.size(), now - started);
        handOn.committed(placed.stream().map(LogWriter.Placed::numbered).filter(Objects::nonNull).toList());
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            ChatMessage numbered = placed.get(i).numbered();
            if (numbered == null) {
                pending.failed().accept(placed.get(i).refused());
            } else {
                commits.committed(numbered, message -> handOn.handOn(message, pending.origin()), now);
            }
        }
    }

    private void handOnElsewhere(ChatMessage message) {
        handOn.handOn(message, null);
    }

    /**
     * A joining connection's catch-up reads the log up to {@link #lastSeq()} after the connection is added, and this
     * asks after {@link CommitOrder} raised it: so either the catch-up reads this message, or this finds the connection.
     */
    private void handOnHeader(Header header) {
        if (!handOn.reaches(header)) {
            return;
        }
        // committed: the other server tells after its commit. Read holding the order, which waits meanwhile; rare
        // (someone connecting as a message to them is committed elsewhere), and it keeps every stream in order
        ChatMessage message = store.bySeq(header.seq());
        if (message != null) {
            readBack.increment();
            handOnElsewhere(message);
        }
    }

    private void fillHoleSafely() {
        CommitOrder commits = order;
        if (commits == null) {
            return;
        }
        try {
            // asked first without the writer's lock, which a batch holds while it is handed on: mostly there is no hole
            if (!commits.holeWaited(System.nanoTime(), HOLE_WAIT.toNanos())) {
                return;
            }
            // how far the hole may be read: not into numbers another server reserved and has yet to commit
            commits.knownUpTo(committedUpTo(commits), System.nanoTime());
            synchronized (numbering) {
                OptionalLong upTo = commits.holeToFill(System.nanoTime(), HOLE_WAIT.toNanos());
                if (upTo.isEmpty()) {
                    return;
                }
                long after = commits.handedOn();
                List<ChatMessage> read = store.between(after, upTo.getAsLong(), FILL_PAGE);
                // a full page may not reach upTo: fill only as far as it read, the rest next time
                long filled = read.size() < FILL_PAGE ? upTo.getAsLong() : read.get(read.size() - 1).seq();
                LOG.fine(() -> "Read " + read.size() + " messages in (" + after + ", " + filled
                        + "] that no word came of");
                commits.fill(filled, read, this::handOnElsewhere, System.nanoTime());
            }
        } catch (RuntimeException e) {
            // a failed read must not end the schedule: the hole would stay for good
            LOG.log(Level.WARNING, "Could not read the log to fill a hole in its numbers", e);
        }
    }
}
