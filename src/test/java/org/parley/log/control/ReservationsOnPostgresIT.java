package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.log.entity.ChatMessage;
import org.parley.store.Schema;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.PostgresDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Servers numbering side by side on PostgreSQL, where a reservation is one statement in a transaction of its own
 * ({@link Reservations#reserve}): what {@link LogWriterTest} shows on Derby, on the database operators run. No
 * server: the writers and readers are Parley's own classes on a PostgreSQL made for the test.
 */
class ReservationsOnPostgresIT {

    private static PostgresDatabase database;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = PostgresDatabase.start(Path.of(System.getProperty("parley.war")).getParent()
                .resolve("reservations-postgres"));
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(ExternalDatabase.USER);
        dataSource.setPassword(ExternalDatabase.PASSWORD);
        try (Connection connection = dataSource.getConnection()) {
            Schema.migrate(connection);
        }
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    private static ChatMessage message(String body) {
        return new ChatMessage(UUID.randomUUID().toString(), "ann", "ben", body, Instant.now());
    }

    private static long head() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT SEQ FROM LOG_FLOOR WHERE ID = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Another server reserved numbers and has not committed its batch: its reservation is committed already (the
     * head is not held), this server numbers after it without waiting, and readers stop below it until it commits.
     */
    @Test
    void aReservationCommitsOnItsOwnAndReadersStopBelowItUntilItsBatchCommits() throws Exception {
        LogWriter writer = LogWriters.on(dataSource, true);
        Reservations reader = LogWriters.reservationsOn(dataSource);
        Reservations otherServer = LogWriters.reservationsOn(dataSource);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            Reservations.Reserved reserved = otherServer.reserve(other, 5);
            assertFalse(other.getAutoCommit(), "the batch's connection is left as it was given");
            long first = reserved.first();
            assertEquals(first + 4, head(), "the raise is committed with the reservation");
            assertTrue(otherServer.heldSeconds() > 0, "the database's time in the statement is counted");
            List<ChatMessage> mine = CompletableFuture.supplyAsync(
                    () -> LogWriters.numbered(writer, List.of(message("x"), message("y")))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(first + 5, first + 6), mine.stream().map(ChatMessage::seq).toList(),
                    "after the other's, without waiting for them");
            assertEquals(first - 1, reader.committedUpTo(), "the other's reservation, committed, holds readers back");
            LogWriters.commitAsAnotherServer(otherServer, other, reserved);
            assertEquals(first + 6, reader.committedUpTo());
        }
    }

    /** A batch that fails after its reservation gives the reservation up: its numbers are a gap, readers go on. */
    @Test
    void aBatchThatFailsAfterItsReservationGivesItUp() throws SQLException {
        LogWriter writer = LogWriters.on(dataSource, true);
        Reservations reader = LogWriters.reservationsOn(dataSource);
        ChatMessage tooLong = new ChatMessage(UUID.randomUUID().toString(), "a".repeat(65), "ben", "x",
                Instant.now());
        assertThrows(PersistenceException.class, () -> LogWriters.numbered(writer, List.of(message("fine"), tooLong)));
        long gap = head();
        assertEquals(gap, reader.committedUpTo(), "the failed batch's numbers are a gap, not a reservation");
        assertEquals(gap + 1, LogWriters.numbered(writer, List.of(message("next"))).get(0).seq());
        assertEquals(gap + 1, reader.committedUpTo());
    }

    /** A server that stopped after reserving holds readers back only until another server voids it as stale. */
    @Test
    void aStoppedServersReservationIsVoidedOnceStaleAndItsBatchCannotCommit() throws Exception {
        Reservations stopped = LogWriters.reservationsOn(dataSource);
        Reservations watcher = LogWriters.reservationsOn(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Reservations.Reserved reserved = stopped.reserve(connection, 3);
            long now = System.nanoTime();
            watcher.voidStale(now);
            assertTrue(watcher.committedUpTo() < reserved.first(), "not stale yet: its server may be slow");
            watcher.voidStale(now + Reservations.STALE.toNanos());
            assertEquals(head(), watcher.committedUpTo(), "voided: its numbers are a gap");
            assertThrows(SQLException.class, () -> stopped.claim(connection, reserved));
            connection.rollback();
        }
    }
}
