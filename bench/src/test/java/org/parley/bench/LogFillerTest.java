package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log filled for the benchmark: numbered after what it had, recent, and indexed again as the migration does. */
class LogFillerTest {

    @TempDir
    Path folder;

    @Test
    void theRowsAreNumberedAfterTheFloorAndTheStreamIndexesAreBackIn32KbPages() throws SQLException {
        Path database = folder.resolve("parley");
        String url = "jdbc:derby:" + database.toAbsolutePath();
        try (Connection db = DriverManager.getConnection(url + ";create=true"); Statement sql = db.createStatement()) {
            // the log's tables as Parley's migrations leave them, with one message and its number in the floor
            sql.execute("CREATE TABLE MESSAGE (SEQ BIGINT NOT NULL PRIMARY KEY, MESSAGE_ID VARCHAR(36) NOT NULL,"
                    + " CONVERSATION VARCHAR(129) NOT NULL, SENDER VARCHAR(64) NOT NULL, RECIPIENT VARCHAR(64),"
                    + " BODY CLOB NOT NULL, SENT_AT BIGINT NOT NULL)");
            sql.execute("CREATE INDEX MESSAGE_BY_RECIPIENT ON MESSAGE (RECIPIENT, SEQ)");
            sql.execute("CREATE INDEX MESSAGE_BY_SENDER ON MESSAGE (SENDER, SEQ)");
            sql.execute("CREATE INDEX MESSAGE_BY_CONVERSATION ON MESSAGE (CONVERSATION, SEQ)");
            sql.execute("CREATE TABLE LOG_FLOOR (ID INT NOT NULL PRIMARY KEY, SEQ BIGINT NOT NULL)");
            sql.execute("INSERT INTO LOG_FLOOR VALUES (1, 10007)");
            sql.execute("INSERT INTO MESSAGE VALUES (7, 'm', 'ann:bob', 'ann', 'bob', 'hi', 0)");
        }
        shutdown(url);

        long started = System.currentTimeMillis();
        LogFiller.fill(database, 12_345);

        try (Connection db = DriverManager.getConnection(url); Statement sql = db.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT COUNT(*), MIN(SEQ), MAX(SEQ), MIN(SENT_AT), MAX(SENT_AT)"
                    + " FROM MESSAGE WHERE SEQ > 7")) {
                rows.next();
                assertEquals(12_345, rows.getLong(1));
                assertEquals(10_008, rows.getLong(2));
                assertEquals(10_007 + 12_345, rows.getLong(3));
                assertTrue(rows.getLong(4) >= started - 3_600_000 - 1000, "sent within the last hour");
                assertTrue(rows.getLong(5) <= System.currentTimeMillis(), "sent before now");
            }
            try (ResultSet floor = sql.executeQuery("SELECT SEQ FROM LOG_FLOOR WHERE ID = 1")) {
                floor.next();
                assertEquals(10_007 + 12_345, floor.getLong(1));
            }
            Map<String, Integer> pageSizes = new HashMap<>();
            try (ResultSet space = sql.executeQuery("SELECT CONGLOMERATENAME, PAGESIZE FROM "
                    + "TABLE(SYSCS_DIAG.SPACE_TABLE('APP', 'MESSAGE')) T WHERE ISINDEX = 1")) {
                while (space.next()) {
                    pageSizes.put(space.getString(1), space.getInt(2));
                }
            }
            for (String index : new String[] {"MESSAGE_BY_RECIPIENT", "MESSAGE_BY_SENDER", "MESSAGE_BY_CONVERSATION"}) {
                assertEquals(32_768, pageSizes.get(index), index + " in " + pageSizes);
            }
            try (ResultSet direct = sql.executeQuery("SELECT COUNT(*) FROM MESSAGE WHERE CONVERSATION = "
                    + "(CASE WHEN SENDER < RECIPIENT THEN SENDER || ':' || RECIPIENT ELSE RECIPIENT || ':' || SENDER END)")) {
                direct.next();
                assertEquals(12_346, direct.getLong(1), "every conversation named as Parley names it");
            }
        } finally {
            shutdown(url);
        }
    }

    private static void shutdown(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException stopped) {
            assertEquals("08006", stopped.getSQLState(), stopped.toString());
        }
    }
}
