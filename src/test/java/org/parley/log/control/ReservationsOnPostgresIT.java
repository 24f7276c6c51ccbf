package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.log.control.SharedNumberingCases.message;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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

    private static long head() throws SQLException {
        return SharedNumberingCases.head(dataSource);
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
        SharedNumberingCases.aFailedBatchGivesUpItsReservation(dataSource);
    }

    /** A server that stopped after reserving holds readers back only until another server voids it as stale. */
    @Test
    void aStoppedServersReservationIsVoidedOnceStaleAndItsBatchCannotCommit() throws Exception {
        SharedNumberingCases.aStoppedServersReservationIsVoidedOnceStale(dataSource);
    }
}
