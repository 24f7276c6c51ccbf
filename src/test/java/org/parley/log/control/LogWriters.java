package org.parley.log.control;

import java.time.Duration;
import javax.sql.DataSource;

/** The log's writer on a test's own database. */
final class LogWriters {

    private LogWriters() {
    }

    /** @param shared as when other servers write the log too */
    static LogWriter on(DataSource dataSource, boolean shared) {
        LogWriter writer = new LogWriter();
        writer.dataSource = dataSource;
        writer.settings = new LogSettings(Duration.ofDays(2), Duration.ZERO, Duration.ofMinutes(1), 1000, true,
                shared);
        return writer;
    }
}
