package org.parley.testing;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;

/** Parley's real persistence unit and mapping on EclipseLink and an in-memory Derby, for unit tests of the stores. */
public final class InMemoryStore {

    private InMemoryStore() {
    }

    /** A fresh database of this name, with the unit's tables, for a test class to share among its tests. */
    public static EntityManagerFactory open(String name) {
        return Persistence.createEntityManagerFactory("parley", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.driver", "org.apache.derby.iapi.jdbc.AutoloadedDriver",
                "jakarta.persistence.jdbc.url", "jdbc:derby:memory:" + name + ";create=true",
                "eclipselink.logging.level", "WARNING"));
    }
}
