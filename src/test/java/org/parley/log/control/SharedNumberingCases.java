package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.parley.log.entity.ChatMessage;

/**
 * What servers sharing the log must see on every database they may share: checked on Derby ({@link LogWriterTest})
 * and on PostgreSQL ({@link ReservationsOnPostgresIT}), whose reservations take different statements.
 */
final class SharedNumberingCases {

    private SharedNumberingCases() {
    }

    static ChatMessage message(String body) {
        return new ChatMessage(UUID.randomUUID().toString(), "ann", "ben", body, Instant.now());
    }

    /** The highest number the log has used or reserved. */
    static long head(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT SEQ FROM LOG_FLOOR WHERE ID = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** What a test checks of another server's reservation as soon as it is made, before any batch uses it. */
    interface AfterReserving {
        void check(Connection other, Reservations otherServer, Reservations.Reserved reserved) throws SQLException;
    }

    /**
     * Another server reserved numbers and has not committed its batch: this server's batch does not wait for it and
     * numbers after it; readers stop just below the other's numbers until they are committed.
     */
    static void anotherServersReservationHoldsReadersBackNotWriters(DataSource dataSource, AfterReserving checks)
            throws Exception {
        LogWriter writer = LogWriters.on(dataSource, true);
        Reservations reader = LogWriters.reservationsOn(dataSource);
        Reservations otherServer = LogWriters.reservationsOn(dataSource);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            Reservations.Reserved reserved = otherServer.reserve(other, 5);
            checks.check(other, otherServer, reserved);
            long first = reserved.first();
            List<ChatMessage> mine = CompletableFuture.supplyAsync(
                    () -> LogWriters.numbered(writer, List.of(message("x"), message("y")))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(first + 5, first + 6), mine.stream().map(ChatMessage::seq).toList(),
                    "after the other's, without waiting for them");
            assertEquals(first - 1, reader.committedUpTo(), "this server's are committed, the other's not yet");
            LogWriters.commitAsAnotherServer(otherServer, other, reserved);
            assertEquals(first + 6, reader.committedUpTo());
            assertEquals(first + 6, head(dataSource));
        }
    }

    /** A batch that fails after its reservation gives the reservation up: its numbers are a gap, readers go on. */
    static void aFailedBatchGivesUpItsReservation(DataSource dataSource) throws SQLException {
        LogWriter writer = LogWriters.on(dataSource, true);
        Reservations reader = LogWriters.reservationsOn(dataSource);
        // a sender longer than the column: the database refuses the whole batch
        ChatMessage tooLong = new ChatMessage(UUID.randomUUID().toString(), "a".repeat(65), "ben", "x",
                Instant.now());
        assertThrows(PersistenceException.class, () -> LogWriters.numbered(writer, List.of(message("fine"), tooLong)));
        long gap = head(dataSource);
        assertEquals(gap, reader.committedUpTo(), "the failed batch's numbers are a gap, not a reservation");
        assertEquals(gap + 1, LogWriters.numbered(writer, List.of(message("next"))).get(0).seq());
        assertEquals(gap + 1, reader.committedUpTo());
    }

    /** A server that stopped after reserving holds readers back only until another server voids it as stale. */
    static void aStoppedServersReservationIsVoidedOnceStale(DataSource dataSource) throws SQLException {
        Reservations stopped = LogWriters.reservationsOn(dataSource);
        Reservations watcher = LogWriters.reservationsOn(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Reservations.Reserved reserved = stopped.reserve(connection, 3);
            long now = System.nanoTime();
            watcher.voidStale(now);
            watcher.voidStale(now + Reservations.STALE.toNanos() - 1);
            assertTrue(watcher.committedUpTo() < reserved.first(), "not stale yet: its server may be slow");
            watcher.voidStale(now + Reservations.STALE.toNanos());
            assertEquals(head(dataSource), watcher.committedUpTo(), "voided: its numbers are a gap");
            assertThrows(SQLException.class, () -> stopped.claim(connection, reserved),
                    "were its server only slow, its batch finds it voided and does not commit");
            connection.rollback();
        }
    }
}
