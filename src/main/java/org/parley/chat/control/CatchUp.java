package org.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.chat.entity.ServerFrame;
import org.parley.message.control.MessageLog;
import org.parley.message.control.MessageStore;
import org.parley.message.entity.ChatMessage;
import org.parley.setup.Setting;

/**
 * Sends a new connection what its client missed, from the log, page by page and in order, then makes it live
 * ({@link StreamGate}). Runs off the container's thread: a backlog may be thousands of messages. Each page is
 * written before the next is read, so a long backlog never piles up in the connection's queue.
 */
@ApplicationScoped
public class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class.getName());
    private static final int PAGE = 500;
    private static final long PAGE_WRITE_TIMEOUT_SECONDS = 60;

    @Inject
    MessageStore store;

    @Inject
    MessageLog log;

    /**
     * @param everyoneAfter the conversation with everyone is sent only after this message
     * @param dropper       ends the connection when its backlog cannot be read
     */
    void run(Connection connection, long everyoneAfter, BiConsumer<Connection, CloseReason> dropper) {
        String user = connection.user().value();
        StreamGate gate = connection.gate();
        // offline mail older than the retention is not pushed; a client still finds it in the history
        Instant notBefore = Instant.now().minus(Setting.RETENTION.duration());
        int count = 0;
        boolean readNothingBefore = false;
        try {
            while (connection.isOpen()) {
                // only what was committed before the read: anything later is offered live, or noted and read next
                long committed = log.lastSeq();
                List<ChatMessage> page = store.streamAfter(user, gate.position(), committed, everyoneAfter, notBefore,
                        PAGE);
                if (page.isEmpty()) {
                    int sent = count;
                    if (gate.tryGoLive(() -> connection.send(caughtUp(gate, everyoneAfter, sent)))) {
                        return;
                    }
                    if (readNothingBefore) {
                        gate.goLiveAnyway(() -> connection.send(caughtUp(gate, everyoneAfter, sent)));
                        return;
                    }
                    readNothingBefore = true;
                    continue;
                }
                readNothingBefore = false;
                if (!written(page.stream().map(message -> connection.offerCaughtUp(message.seq(),
                        ServerFrame.Chat.of(message, true).encode())).toList())) {
                    // the connection broke and is being dropped; its client resumes from what it confirmed
                    return;
                }
                count += page.size();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the backlog of " + user, e);
            dropper.accept(connection, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "missed messages could not be read; reconnect"));
        }
    }

    /**
     * Messages to everyone up to {@code everyoneAfter} are not this connection's to catch up (a device that said
     * nothing gets those from the history), so it has everything it will get up to there too.
     */
    private static String caughtUp(StreamGate gate, long everyoneAfter, int count) {
        return new ServerFrame.CaughtUp(Math.max(gate.position(), everyoneAfter), count).encode();
    }

    private static boolean written(List<CompletableFuture<Void>> writes) {
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .get(PAGE_WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.FINE, "Backlog write stopped", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
