package org.parley.store;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parley's default database: Derby embedded, declared by the WAR itself (the {@code data-source} of WEB-INF/web.xml,
 * named {@code java:app/jdbc/parley}, which persistence.xml names too) so that dropping it into a server needs no admin step. Derby keeps its files in the
 * directory named by the {@code derby.system.home} system property, or in the server's working directory when that
 * is unset; the database itself is the folder {@code parley} there.
 * <p>
 * Derby lives in the WAR's class loader, so each deployment boots its own engine. Stopping that engine with the
 * application releases the database's lock; otherwise a redeploy finds it held and fails to boot (XSDB6).
 */
@Singleton
@Startup
public class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    private static final String ENGINE_STOPPED = "XJ015";

    @PreDestroy
    void stopEngine() {
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException e) {
            if (ENGINE_STOPPED.equals(e.getSQLState())) {
                LOG.fine("Derby stopped");
            } else {
                LOG.log(Level.WARNING, "Derby did not stop cleanly; a redeploy may find the database locked", e);
            }
        }
    }
}
