package org.parley.log.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.parley.log.entity.ChatMessage;

/** The log's writer on a test's own database: for the log's tests and those of what admits entries to it. */
public final class LogWriters {

    private LogWriters() {
    }

    /** @param shared as when other servers write the log too */
    public static LogWriter on(DataSource dataSource, boolean shared) {
        LogWriter writer = new LogWriter();
        writer.dataSource = dataSource;
        writer.reservations = reservationsOn(dataSource);
        writer.settings = new LogSettings(Duration.ofDays(2), Duration.ZERO, Duration.ofMinutes(1), 1000, true,
                shared);
        writer.admission = NO_ADMISSION;
        return writer;
    }

    /** @param admission decides on the entries it names, as the rooms do in Parley */
    public static LogWriter on(DataSource dataSource, boolean shared, Admission admission) {
        LogWriter writer = on(dataSource, shared);
        writer.admission = admission;
        return writer;
    }

    /** A server's reservations of numbers, as its writer makes them, on the test's database. */
    static Reservations reservationsOn(DataSource dataSource) {
        Reservations reservations = new Reservations();
        reservations.dataSource = dataSource;
        return reservations;
    }

    /** Appends a batch that nothing refuses: the entries as numbered. */
    static List<ChatMessage> numbered(LogWriter writer, List<ChatMessage> batch) {
        return writer.append(batch).stream().map(placed -> {
            if (placed.numbered() == null) {
                throw new AssertionError("refused: " + placed.refused().getMessage());
            }
            return placed.numbered();
        }).toList();
    }

    /**
     * Another server's batch of one message, on the connection it reserved {@code reserved} on: claimed, inserted at
     * the first number reserved, committed and ended, as its writer would.
     */
    static void commitAsAnotherServer(Reservations otherServer, Connection other, Reservations.Reserved reserved)
            throws SQLException {
        otherServer.claim(other, reserved);
        try (Statement insert = other.createStatement()) {
            insert.executeUpdate("INSERT INTO MESSAGE (SEQ, MESSAGE_ID, CONVERSATION, SENDER, RECIPIENT, BODY,"
                    + " SENT_AT) VALUES (" + reserved.first() + ", '" + UUID.randomUUID() + "', 'ann|ben', 'ann',"
                    + " 'ben', 'from the other server', 0)");
        }
        other.commit();
        otherServer.ended();
    }

    private static final Admission NO_ADMISSION = new Admission() {
        @Override
        public boolean decides(ChatMessage entry) {
            return false;
        }

        @Override
        public void admit(Connection transaction, ChatMessage numbered) {
            throw new AssertionError("decides on nothing");
        }
    };
}
