package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.log.control.SharedNumberingCases.message;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.log.entity.ChatMessage;
import org.parley.testing.InMemoryStore;

/** How the log's writer numbers and commits batches, on Parley's migrations and an in-memory Derby. */
class LogWriterTest {

    private static final String DATABASE = "log-writer-test";
    private static EntityManagerFactory factory;
    private static DataSource dataSource;

    @BeforeAll
    static void createStore() {
        factory = InMemoryStore.open(DATABASE);
        dataSource = InMemoryStore.dataSource(DATABASE);
    }

    @AfterAll
    static void closeStore() {
        factory.close();
    }

    private static List<Long> seqs(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::seq).toList();
    }

    private static long head() throws SQLException {
        return SharedNumberingCases.head(dataSource);
    }

    private static long count(List<Long> seqs) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM MESSAGE WHERE SEQ BETWEEN "
                        + seqs.get(0) + " AND " + seqs.get(seqs.size() - 1))) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aloneItNumbersFromOneReservedBlockAndTheHeadStaysAboveEveryNumberGiven() throws SQLException {
        long before = head();
        LogWriter writer = LogWriters.on(dataSource, false);
        List<ChatMessage> first = LogWriters.numbered(writer, List.of(message("1"), message("2")));
        List<ChatMessage> second = LogWriters.numbered(writer, List.of(message("3")));
        assertEquals(List.of(before + 1, before + 2), seqs(first));
        assertEquals(List.of(before + 3), seqs(second));
        assertEquals(before + LogWriter.BLOCK, head(), "one block reserved, once");
        assertEquals(3, count(List.of(before + 1, before + 3)));
    }

    /**
     * A batch larger than what is left of the block: it takes the rest, and the next block, which follows at once,
     * for the others. A hole there would hold every later message in the commit order (seen in the benchmark: half a
     * step's messages neither pushed nor acknowledged).
     */
    @Test
    void aloneABatchThatOutrunsItsBlockGoesOnFromTheRestOfItWithNoHole() throws SQLException {
        long before = head();
        LogWriter writer = LogWriters.on(dataSource, false);
        List<ChatMessage> filling = new ArrayList<>();
        for (int i = 0; i < LogWriter.BLOCK - 2; i++) {
            filling.add(message("filling " + i));
        }
        LogWriters.numbered(writer, filling);
        List<ChatMessage> across = LogWriters.numbered(writer,
                List.of(message("a"), message("b"), message("c"), message("d")));
        long end = before + LogWriter.BLOCK;
        assertEquals(List.of(end - 1, end, end + 1, end + 2), seqs(across));
        assertEquals(before + 2 * LogWriter.BLOCK, head(), "the next block reserved, right after the first");
    }

    @Test
    void afterARestartNumbersComeAfterTheBlockNotFromWhatWasLeftOfIt() throws SQLException {
        LogWriter writer = LogWriters.on(dataSource, false);
        long used = LogWriters.numbered(writer, List.of(message("before"))).get(0).seq();
        long reserved = head();
        LogWriter restarted = LogWriters.on(dataSource, false);
        long next = LogWriters.numbered(restarted, List.of(message("after"))).get(0).seq();
        assertEquals(reserved + 1, next, "the rest of the block is a gap, never a reuse");
        assertFalse(next <= used);
    }

    @Test
    void aBatchThatFailsLeavesItsNumbersAndItsBlockToTheNext() throws SQLException {
        long before = head();
        LogWriter writer = LogWriters.on(dataSource, false);
        // a sender longer than the column: the database refuses the whole batch
        ChatMessage tooLong = new ChatMessage(UUID.randomUUID().toString(), "a".repeat(65), "ben", "x",
                Instant.now());
        assertThrows(PersistenceException.class, () -> LogWriters.numbered(writer, List.of(message("fine"), tooLong)));
        assertEquals(before, head(), "the block reserved in the failed batch went with its rollback");
        assertEquals(List.of(before + 1), seqs(LogWriters.numbered(writer, List.of(message("next")))));
        assertEquals(before + LogWriter.BLOCK, head());
    }

    @Test
    void twoWritersThatBothThinkTheyAreAloneStillNeverGiveANumberTwice() throws SQLException {
        LogWriter one = LogWriters.on(dataSource, false);
        LogWriter other = LogWriters.on(dataSource, false);
        long a = LogWriters.numbered(one, List.of(message("a"))).get(0).seq();
        long b = LogWriters.numbered(other, List.of(message("b"))).get(0).seq();
        long c = LogWriters.numbered(one, List.of(message("c"))).get(0).seq();
        assertEquals(a + LogWriter.BLOCK, b, "the other's block comes after the first's");
        assertEquals(a + 1, c);
    }

    /**
     * Servers sharing the log: another server's batch reserved numbers and has not committed them. This server's
     * batch does not wait for it, and numbers after it; readers go only up to below the other's numbers until they
     * are committed.
     */
    @Test
    void sharedServersCommitSideBySideAndReadersStopBelowWhatIsReservedAndNotCommitted() throws Exception {
        SharedNumberingCases.anotherServersReservationHoldsReadersBackNotWriters(dataSource,
                (other, otherServer, reserved) -> { });
    }

    @Test
    void aReservationLeftByAStoppedServerIsVoidedOnceStaleAndItsBatchCanNoLongerCommit() throws Exception {
        SharedNumberingCases.aStoppedServersReservationIsVoidedOnceStale(dataSource);
    }

    @Test
    void sharedABatchThatFailsGivesUpItsReservationAndReadersGoOn() throws SQLException {
        SharedNumberingCases.aFailedBatchGivesUpItsReservation(dataSource);
    }

    /**
     * Servers sharing the log: a batch with entries to decide (a room's) holds the numbering while it decides, so
     * another server's batch waits for its commit, then numbers after it.
     */
    @Test
    void sharedItWaitsForAnotherServersDecidingBatchToCommitAndNumbersAfterIt() throws Exception {
        LogWriter writer = LogWriters.on(dataSource, true);
        try (Connection otherServer = dataSource.getConnection()) {
            otherServer.setAutoCommit(false);
            long before = head();
            try (Statement statement = otherServer.createStatement()) {
                statement.executeUpdate("UPDATE LOG_FLOOR SET SEQ = SEQ + 5 WHERE ID = 1");
            }
            CompletableFuture<List<ChatMessage>> batch = CompletableFuture.supplyAsync(
                    () -> LogWriters.numbered(writer, List.of(message("x"), message("y"))));
            assertThrows(TimeoutException.class, () -> batch.get(500, TimeUnit.MILLISECONDS),
                    "the batch waits while the other server's numbers are not committed");
            otherServer.commit();
            assertEquals(List.of(before + 6, before + 7), seqs(batch.get(30, TimeUnit.SECONDS)));
            assertEquals(before + 7, head(), "shared, the head is the newest number given");
        }
    }
}
