package org.parley.testing;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.parley.store.Schema;

/** Parley's real persistence unit and mapping on EclipseLink and an in-memory Derby, for unit tests of the stores. */
public final class InMemoryStore {

    private InMemoryStore() {
    }

    /**
     * A fresh database of this name, its tables made by Parley's own migrations, for a test class to share among
     * its tests.
     */
    public static EntityManagerFactory open(String name) {
        String url = "jdbc:derby:memory:" + name + ";create=true";
        try (Connection connection = DriverManager.getConnection(url)) {
            Schema.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Persistence.createEntityManagerFactory("parley", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.driver", "org.apache.derby.iapi.jdbc.AutoloadedDriver",
                "jakarta.persistence.jdbc.url", url,
                "eclipselink.logging.level", "WARNING"));
    }

    /** The database {@link #open} made, as a data source: for what Parley writes with plain JDBC. */
    public static DataSource dataSource(String name) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + name);
        return dataSource;
    }
}
