package org.parley.live.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.log.control.LogSettings;
import org.parley.log.control.MessageLog;
import org.parley.log.control.MessageStore;
import org.parley.log.entity.ChatMessage;
import org.parley.metrics.ParleyMetrics;
import org.parley.protocol.CloseCode;
import org.parley.protocol.ServerFrame;
import org.parley.protocol.Utf8;
import org.parley.room.control.RoomReads;

/**
 * Sends a new connection what its client missed, from the log, page by page and in order, then makes it live
 * ({@link StreamGate}). Runs off the container's thread: a backlog may be thousands of messages. The next page is
 * read while one is written, and queued only once that one is written, so a long backlog never piles up in the
 * connection's queue, and no thread waits for the writes meanwhile.
 */
@ApplicationScoped
public class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class.getName());
    private static final int PAGE = 500;
    private static final long PAGE_WRITE_TIMEOUT_SECONDS = 60;
    // connections catching up at once; the rest wait their turn without a thread. Each read holds one of the
    // embedded pool's 32 connections, and the executor's threads are everyone's: a crowd of 4,000 connecting at
    // 1,000 a second had all 200 of Payara's waiting for a connection, and the executor refusing other work
    private static final int CONCURRENT_READS = 4;

    @Inject
    LogSettings logSettings;

    @Inject
    MessageStore store;

    @Inject
    MessageLog log;

    @Inject
    RoomReads rooms;

    @Resource
    ManagedExecutorService executor;

    private LimitedExecutor reads;

    @PostConstruct
    void limitReads() {
        reads = new LimitedExecutor(executor, CONCURRENT_READS);
    }

    @Inject
    ParleyMetrics metrics;

    /**
     * @param everyoneAfter the conversation with everyone is sent only after this message
     * @param dropper       ends the connection when its backlog cannot be read
     */
    void start(Connection connection, long everyoneAfter, BiConsumer<Connection, CloseReason> dropper) {
        // offline mail older than the retention is not pushed; a client still finds it in the history
        Run run = new Run(connection, everyoneAfter, Instant.now().minus(logSettings.retention()), dropper);
        reads.execute(run::next);
    }

    /**
     * One connection catching up. A page is read on the executor; no thread waits while it is written: its writes'
     * completion queues the page read meanwhile. The executor's threads are few and everyone's (four on a
     * two-core WildFly), so a reader that takes its time must not hold one.
     */
    private final class Run {

        private final Connection connection;
        private final long everyoneAfter;
        private final Instant notBefore;
        private final BiConsumer<Connection, CloseReason> dropper;
        private final long started = System.nanoTime();
        private int count;
        private boolean readNothingBefore;
        // completes once the last page queued is written
        private CompletableFuture<Void> previousPage = CompletableFuture.completedFuture(null);

        Run(Connection connection, long everyoneAfter, Instant notBefore,
                BiConsumer<Connection, CloseReason> dropper) {
            this.connection = connection;
            this.everyoneAfter = everyoneAfter;
            this.notBefore = notBefore;
            this.dropper = dropper;
        }

        void next() {
            String user = connection.user().value();
            StreamGate gate = connection.gate();
            try {
                while (connection.isOpen()) {
                    // only what was committed before the read: anything later is offered live, or noted and read next
                    long committed = log.lastSeq();
                    List<ChatMessage> page = store.streamAfter(user, gate.position(), committed, everyoneAfter,
                            notBefore, PAGE, rooms.stretchesAfter(user, gate.position()));
                    if (page.isEmpty()) {
                        int sent = count;
                        if (gate.tryGoLive(() -> connection.send(caughtUp(gate, everyoneAfter, sent)))) {
                            metrics.caughtUp(System.nanoTime() - started);
                            return;
                        }
                        if (readNothingBefore) {
                            gate.goLiveAnyway(() -> connection.send(caughtUp(gate, everyoneAfter, sent)));
                            metrics.caughtUp(System.nanoTime() - started);
                            return;
                        }
                        readNothingBefore = true;
                        continue;
                    }
                    readNothingBefore = false;
                    // a page is queued once the one before it is written: at most one waits in the connection's queue
                    List<ChatMessage> read = page;
                    previousPage.whenComplete((written, failure) -> {
                        if (failure == null) {
                            execute(() -> write(read, 0));
                        }
                    });
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not read the backlog of " + user, e);
                dropper.accept(connection, CloseCode.SERVER_FAULT.because("missed messages could not be read; reconnect"));
            }
        }

        /**
         * Writes the page from {@code from} on, as much at a time as the connection's queue takes without closing it
         * as too slow (half of it, leaving room for what else it is sent); the rest when that much is written.
         */
        private void write(List<ChatMessage> page, int from) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            long bytes = 0;
            int next = from;
            int[] byKind = new int[ParleyMetrics.Kind.values().length];
            while (next < page.size() && (next == from || bytes < connection.writeAheadBytes())) {
                ChatMessage message = page.get(next++);
                String frame = message.toFrame(true).encode();
                bytes += Utf8.length(frame);
                writes.add(connection.offerCaughtUp(message.seq(), frame));
                byKind[Fanout.kindOf(message).ordinal()]++;
            }
            // as the caught-up frame counts them: a message also pushed live meanwhile is written once
            for (ParleyMetrics.Kind kind : ParleyMetrics.Kind.values()) {
                metrics.delivered(kind, ParleyMetrics.Path.CATCH_UP, byKind[kind.ordinal()]);
            }
            int rest = next;
            CompletableFuture<Void> written = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .orTimeout(PAGE_WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            written.whenComplete((done, failure) -> {
                if (failure != null) {
                    // the connection broke and is being dropped; its client resumes from what it confirmed
                    LOG.log(Level.FINE, "Backlog write stopped", failure);
                } else if (rest < page.size()) {
                    execute(() -> write(page, rest));
                }
            });
            if (rest == page.size()) {
                // the next page is read while this one is written
                count += page.size();
                previousPage = written;
                execute(this::next);
            }
        }

        private void execute(Runnable step) {
            reads.execute(step);
        }
    }

    /**
     * Messages to everyone up to {@code everyoneAfter} are not this connection's to catch up (a device that said
     * nothing gets those from the history), so it has everything it will get up to there too.
     */
    private static String caughtUp(StreamGate gate, long everyoneAfter, int count) {
        return new ServerFrame.CaughtUp(Math.max(gate.position(), everyoneAfter), count).encode();
    }
}
