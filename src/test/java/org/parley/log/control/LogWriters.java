package org.parley.log.control;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
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
