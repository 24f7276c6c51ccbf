package org.parley.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills a stopped Parley's log on embedded Derby with direct messages among people nobody signs in as, so that the
 * benchmark can measure a log that is not empty. Rows go in without the stream indexes, which are then made again
 * (as the migration makes them: 32 KB pages): row by row with them would take hours. The messages are numbered
 * after the log's highest number and sent within the last hour, so that the purge leaves them be.
 */
final class LogFiller {

    private static final int PEOPLE = 10_000;
    private static final int ROWS_A_COMMIT = 10_000;
    private static final String[] STREAM_INDEXES = {
        "MESSAGE_BY_RECIPIENT ON MESSAGE (RECIPIENT, SEQ)",
        "MESSAGE_BY_SENDER ON MESSAGE (SENDER, SEQ)",
        "MESSAGE_BY_CONVERSATION ON MESSAGE (CONVERSATION, SEQ)"};

    private LogFiller() {
    }

    /** @param database the database's folder ({@code derby.system.home}/parley); no server may have it open */
    static void fill(Path database, long rows) throws SQLException {
        String url = "jdbc:derby:" + database.toAbsolutePath();
        try (Connection db = DriverManager.getConnection(url)) {
            db.setAutoCommit(false);
            try (Statement ddl = db.createStatement()) {
                for (String index : STREAM_INDEXES) {
                    ddl.execute("DROP INDEX " + index.substring(0, index.indexOf(' ')));
                }
            }
            long first = floor(db) + 1;
            append(db, first, rows);
            try (PreparedStatement raise = db.prepareStatement("UPDATE LOG_FLOOR SET SEQ = ? WHERE ID = 1")) {
                raise.setLong(1, first + rows - 1);
                raise.executeUpdate();
            }
            try (Statement ddl = db.createStatement()) {
                ddl.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768')");
                for (String index : STREAM_INDEXES) {
                    ddl.execute("CREATE INDEX " + index);
                }
                ddl.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL)");
            }
            db.commit();
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException stopped) {
                // 08006: the database stopped, as asked, and its files are the server's again
            }
        }
    }

    private static long floor(Connection db) throws SQLException {
        try (Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT SEQ FROM LOG_FLOOR WHERE ID = 1")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static void append(Connection db, long first, long rows) throws SQLException {
        SplittableRandom random = new SplittableRandom(3);
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO MESSAGE (SEQ, MESSAGE_ID, CONVERSATION,"
                + " SENDER, RECIPIENT, BODY, SENT_AT) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (long i = 0; i < rows; i++) {
                LogRow row = LogRow.next(random, "filler", PEOPLE);
                insert.setLong(1, first + i);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, row.conversation());
                insert.setString(4, row.sender());
                insert.setString(5, row.recipient());
                insert.setString(6, row.body());
                insert.setLong(7, hourAgo + i * 3_600_000 / rows);
                insert.addBatch();
                if ((i + 1) % ROWS_A_COMMIT == 0 || i == rows - 1) {
                    insert.executeBatch();
                    db.commit();
                }
            }
        }
    }
}
