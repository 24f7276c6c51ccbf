package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
        SharedNumberingCases.anotherServersReservationHoldsReadersBackNotWriters(dataSource,
                (other, otherServer, reserved) -> {
                    assertFalse(other.getAutoCommit(), "the batch's connection is left as it was given");
                    assertEquals(reserved.first() + 4, head(), "the raise is committed with the reservation");
                    assertTrue(otherServer.heldSeconds() > 0, "the database's time in the statement is counted");
                });
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
