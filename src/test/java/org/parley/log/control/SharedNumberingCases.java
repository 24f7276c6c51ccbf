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
