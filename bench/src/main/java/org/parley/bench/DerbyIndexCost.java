package org.parley.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What an index row costs embedded Derby, outside any server: one writer appends rows shaped like the log's, in
 * batches, each batch its own transaction, on disk with Derby's durable defaults, and prints the rows a second and
 * the process's CPU per row every ten seconds, so that the cost can be watched as the table grows. Pin it to one
 * core, with nothing else there ({@code taskset -c 1}).
 * <p>
 * Layouts: {@code names} (the log's row and its three stream indexes, by recipient, sender and conversation, as
 * Parley keeps them), {@code hashes} (the same indexes keyed by a hash of each name instead), {@code two} (without the
 * conversation index), {@code key} (the primary key alone), {@code entries} (a table of its own with one row per
 * person and message, its primary key (person, number); {@code entries-sorted} sorts each batch by that key first).
 * <p>
 * Arguments: layout, rows a batch, ten-second periods to measure (after one not counted), folder for the database
 * (made anew). Set {@code -Dderby.storage.pageCacheSize} to try another page cache.
 */
public final class DerbyIndexCost {

    private static final int PEOPLE = 1000;

    private DerbyIndexCost() {
    }

    public static void main(String[] args) throws Exception {
        String layout = args[0];
        int batch = Integer.parseInt(args[1]);
        int periods = Integer.parseInt(args[2]);
        Path folder = Path.of(args[3]);
        BenchServers.delete(folder);
        Files.createDirectories(folder.getParent() == null ? Path.of(".") : folder.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:derby:" + folder + ";create=true")) {
            try (Statement ddl = db.createStatement()) {
                // the log's pages: 32 KB, as its migration makes them
                ddl.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768')");
                for (String statement : schema(layout)) {
                    ddl.execute(statement);
                }
            }
            db.setAutoCommit(false);
            Appender appender = layout.startsWith("entries") ? new Entries(db, layout.endsWith("sorted"))
                    : new Rows(db);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            SplittableRandom random = new SplittableRandom(1);
            long rows = 0;
            for (int period = 0; period <= periods; period++) {
                long start = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                long rowsBefore = rows;
                while (System.nanoTime() - start < 10_000_000_000L) {
                    rows = appender.append(random, rows, batch);
                    db.commit();
                }
                long done = rows - rowsBefore;
                System.out.printf(Locale.ROOT, "%s batch %d%s: %d rows in the table, %.0f rows/s, %.1f µs of CPU a row%n",
                        layout, batch, period == 0 ? " (not counted: warming up)" : "", rows,
                        done / ((System.nanoTime() - start) / 1e9), (os.getProcessCpuTime() - cpu) / 1e3 / done);
            }
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
            } catch (SQLException stopped) {
                // XJ015: Derby stopped, as asked
            }
        }
    }

    private static List<String> schema(String layout) {
        List<String> ddl = new ArrayList<>();
        if (layout.startsWith("entries")) {
            ddl.add("CREATE TABLE ENTRY (PERSON VARCHAR(64) NOT NULL, SEQ BIGINT NOT NULL, PRIMARY KEY (PERSON, SEQ))");
            return ddl;
        }
        ddl.add("CREATE TABLE MESSAGE (SEQ BIGINT NOT NULL PRIMARY KEY, MESSAGE_ID VARCHAR(36) NOT NULL,"
                + " CONVERSATION VARCHAR(129) NOT NULL, SENDER VARCHAR(64) NOT NULL, RECIPIENT VARCHAR(64),"
                + " BODY CLOB NOT NULL, SENT_AT BIGINT NOT NULL, RECIPIENT_HASH INT, SENDER_HASH INT NOT NULL,"
                + " CONVERSATION_HASH INT NOT NULL)");
        switch (layout) {
            case "names" -> {
                ddl.add("CREATE INDEX MESSAGE_BY_RECIPIENT ON MESSAGE (RECIPIENT, SEQ)");
                ddl.add("CREATE INDEX MESSAGE_BY_SENDER ON MESSAGE (SENDER, SEQ)");
                ddl.add("CREATE INDEX MESSAGE_BY_CONVERSATION ON MESSAGE (CONVERSATION, SEQ)");
            }
            case "hashes" -> {
                ddl.add("CREATE INDEX MESSAGE_BY_RECIPIENT ON MESSAGE (RECIPIENT_HASH, SEQ)");
                ddl.add("CREATE INDEX MESSAGE_BY_SENDER ON MESSAGE (SENDER_HASH, SEQ)");
                ddl.add("CREATE INDEX MESSAGE_BY_CONVERSATION ON MESSAGE (CONVERSATION_HASH, SEQ)");
            }
            case "two" -> {
                ddl.add("CREATE INDEX MESSAGE_BY_RECIPIENT ON MESSAGE (RECIPIENT, SEQ)");
                ddl.add("CREATE INDEX MESSAGE_BY_SENDER ON MESSAGE (SENDER, SEQ)");
            }
            case "key" -> {
                // the primary key alone
            }
            default -> throw new IllegalArgumentException("no layout " + layout
                    + ": names, hashes, two, key, entries or entries-sorted");
        }
        return ddl;
    }

    private interface Appender {
        /** Writes {@code batch} rows after the {@code rows} written so far; @return the rows written now */
        long append(SplittableRandom random, long rows, int batch) throws SQLException;
    }

    /** Rows shaped like the log's: a direct message between two of the people, a 100-character body. */
    private static final class Rows implements Appender {
        private final PreparedStatement insert;

        Rows(Connection db) throws SQLException {
            insert = db.prepareStatement("INSERT INTO MESSAGE (SEQ, MESSAGE_ID, CONVERSATION, SENDER, RECIPIENT, BODY,"
                    + " SENT_AT, RECIPIENT_HASH, SENDER_HASH, CONVERSATION_HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        @Override
        public long append(SplittableRandom random, long rows, int batch) throws SQLException {
            for (int i = 0; i < batch; i++) {
                LogRow row = LogRow.next(random, "person", PEOPLE);
                insert.setLong(1, rows + i + 1);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, row.conversation());
                insert.setString(4, row.sender());
                insert.setString(5, row.recipient());
                insert.setString(6, row.body());
                insert.setLong(7, System.currentTimeMillis());
                insert.setInt(8, row.recipient().hashCode());
                insert.setInt(9, row.sender().hashCode());
                insert.setInt(10, row.conversation().hashCode());
                insert.addBatch();
            }
            insert.executeBatch();
            return rows + batch;
        }
    }

    /** One index row per person and message, each a (person, number) pair, in arrival order or sorted. */
    private static final class Entries implements Appender {
        private final PreparedStatement insert;
        private final boolean sorted;

        private record Entry(String person, long seq) {
        }

        Entries(Connection db, boolean sorted) throws SQLException {
            this.insert = db.prepareStatement("INSERT INTO ENTRY (PERSON, SEQ) VALUES (?, ?)");
            this.sorted = sorted;
        }

        @Override
        public long append(SplittableRandom random, long rows, int batch) throws SQLException {
            List<Entry> entries = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                entries.add(new Entry(LogRow.person("person", random.nextInt(PEOPLE)), rows + i + 1));
            }
            if (sorted) {
                entries.sort(Comparator.comparing(Entry::person).thenComparingLong(Entry::seq));
            }
            for (Entry entry : entries) {
                insert.setString(1, entry.person());
                insert.setLong(2, entry.seq());
                insert.addBatch();
            }
            insert.executeBatch();
            return rows + batch;
        }
    }
}
