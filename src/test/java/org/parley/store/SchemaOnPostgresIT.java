package org.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ExternalDatabase;
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
