package org.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.cluster.ClusterCommands;
import org.parley.testing.DirectoryTree;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.FreePort;
import org.parley.testing.PayaraMicroServer;
import org.parley.testing.PostgresDatabase;

/**
 * The migrations on PostgreSQL, the database operators are shown first: on tables an earlier Parley made (as
 * {@link SchemaUpgradeTest} does on Derby), twice in a row, and what they leave of the log's table. No server: the
 * test runs them itself, as Parley does when it starts.
 */
class SchemaOnPostgresIT {

    private final Path work = Path.of(System.getProperty("parley.war")).getParent().resolve("schema-postgres");

    @Test
    void anEarlierParleysTablesAreBroughtUpToDateAndTheLogKeepsOnlyItsIndexes() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.start(work);
                Connection connection = DriverManager.getConnection(database.url(), ExternalDatabase.USER,
                        ExternalDatabase.PASSWORD);
                Statement sql = connection.createStatement()) {
            SchemaUpgradeTest.tablesOfAnEarlierParley(sql, "TEXT");

            Schema.migrate(connection);
            Schema.migrate(connection);

            SchemaUpgradeTest.assertKeptAndMoved(sql);
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "offline_message", null)) {
                assertFalse(tables.next(), "the old table is gone once its messages moved");
            }
            assertEquals(List.of("conversation", "recipient", "sender", "seq", "seq", "seq", "seq!"),
                    indexedColumns(connection), "the primary key and the three stream indexes (! unique)");
            // what the unique constraint on MESSAGE_ID, which PostgreSQL named itself, would have refused
            sql.execute("INSERT INTO MESSAGE (SEQ, MESSAGE_ID, CONVERSATION, SENDER, RECIPIENT, BODY, SENT_AT)"
                    + " VALUES (11, 'same', 'ann:ben', 'ann', 'ben', 'a', 1),"
                    + " (12, 'same', 'ann:ben', 'ann', 'ben', 'b', 2)");
        }
    }

    /**
     * Two servers starting together on a new database both make Liquibase's own tables, and on PostgreSQL the second
     * one's statement fails inside its transaction; Parley tries again two seconds later on a connection from its
     * pool. Here a type of the changelog table's name makes the first attempt fail the same way, and is gone before
     * the next: Payara Micro must then come up, which it did not while the pool handed back the aborted transaction.
     */
    @Test
    void aServerWhoseFirstMigrationFailsMigratesAtTheNextAttempt() throws Exception {
        Path retry = work.resolve("retry");
        DirectoryTree.delete(retry); // an earlier run's server log says the migration failed already
        try (PostgresDatabase database = PostgresDatabase.start(retry)) {
            sql(database, "CREATE TYPE DATABASECHANGELOG AS (TAKEN INTEGER)");
            Path commands = retry.resolve("parley-datasource.micro.asadmin");
            Files.writeString(commands, ClusterCommands.payaraMicroDataSource(database));
            try (PayaraMicroServer server = PayaraMicroServer.withCommands(retry.resolve("server"), FreePort.pick(),
                    commands, database.driverJars())) {
                CompletableFuture<URL> started = CompletableFuture.supplyAsync(
                        () -> server.start(Map.of("parley.datasource", "jdbc/parley")));
                Awaitility.await("the first migration to fail").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> Files.exists(server.log()) && Files.readString(server.log())
                                .contains("The schema migration failed; trying again"));
                sql(database, "DROP TYPE DATABASECHANGELOG");
                started.join();
                assertEquals(List.of("0"), rows(database, "SELECT COUNT(*) FROM MESSAGE"));
            }
        }
    }

    private static void sql(ExternalDatabase database, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), ExternalDatabase.USER,
                ExternalDatabase.PASSWORD); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static List<String> rows(ExternalDatabase database, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), ExternalDatabase.USER,
                ExternalDatabase.PASSWORD); Statement sql = connection.createStatement()) {
            return SchemaUpgradeTest.rows(sql, query);
        }
    }

    private static List<String> indexedColumns(Connection connection) throws SQLException {
        List<String> indexed = new ArrayList<>();
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, connection.getSchema(), "message", false,
                false)) {
            while (indexes.next()) {
                indexed.add(indexes.getString("COLUMN_NAME") + (indexes.getBoolean("NON_UNIQUE") ? "" : "!"));
            }
        }
        return indexed.stream().sorted().toList();
    }
}
