package org.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.config.Setting;

class DerbyPageCacheTest {

    // a name ending in /parley, as Parley's own database's does
    private static final String DATABASE = "jdbc:derby:memory:page-cache-test/parley";

    @AfterEach
    void clear() {
        System.clearProperty(DerbyPageCache.PROPERTY);
        System.clearProperty(Setting.DERBY_PAGE_CACHE.property());
        try {
            DriverManager.getConnection(DATABASE + ";drop=true").close();
        } catch (SQLException dropped) {
            // Derby reports a dropped database with an exception (08006), or one never made (XJ004)
        }
    }

    @Test
    void theOperatorsPropertyWinsThenTheSettingThenAnEighthOfTheHeap() {
        long twoGiB = 2L << 30;
        assertTrue(DerbyPageCache.pagesFor("500", OptionalInt.of(9_000), twoGiB).isEmpty(), "left as it is");
        assertEquals(9_000, DerbyPageCache.pagesFor(null, OptionalInt.of(9_000), twoGiB).getAsInt());
        assertEquals(8_192, DerbyPageCache.pagesFor(null, OptionalInt.empty(), twoGiB).getAsInt(),
                "256 MiB in pages of 32 KiB");
        assertEquals(DerbyPageCache.DERBY_DEFAULT,
                DerbyPageCache.pagesFor(" ", OptionalInt.empty(), 64L << 20).getAsInt(), "never below Derby's own");
    }

    @Test
    void derbyStartsTheDatabaseWithTheSizeSetAndCountsWhatItServes() throws SQLException {
        System.setProperty(Setting.DERBY_PAGE_CACHE.property(), "1234");
        DerbyPageCache.setBeforeBoot();
        try (Connection connection = DriverManager.getConnection(DATABASE + ";create=true");
                Statement statement = connection.createStatement()) {
            assertEquals(1_234, DerbyPageCache.read().orElseThrow().maxPages());
            statement.execute("CREATE TABLE T (N INT PRIMARY KEY)");
            statement.execute("INSERT INTO T VALUES 1, 2, 3");
            statement.executeQuery("SELECT COUNT(*) FROM T").close();
        }
        DerbyPageCache.Reading reading = DerbyPageCache.read().orElseThrow();
        assertTrue(reading.hits() > 0, "counted once read: " + reading);
        assertTrue(reading.allocatedPages() > 0, reading.toString());
    }

    @Test
    void anOperatorsOwnSizeIsKept() throws SQLException {
        System.setProperty(DerbyPageCache.PROPERTY, "1500");
        System.setProperty(Setting.DERBY_PAGE_CACHE.property(), "1234");
        DerbyPageCache.setBeforeBoot();
        try (Connection connection = DriverManager.getConnection(DATABASE + ";create=true")) {
            assertEquals(1_500, DerbyPageCache.read().orElseThrow().maxPages());
        }
    }
}
