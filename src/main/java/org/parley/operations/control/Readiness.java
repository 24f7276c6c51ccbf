package org.parley.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.naming.NamingException;
import org.parley.store.DataSourceChoice;

/**
 * Whether this server should be sent people: not while its database does not answer, since nothing can be stored
 * and so nothing acknowledged.
 */
@ApplicationScoped
public class Readiness {

    private static final int VALID_TIMEOUT_SECONDS = 2;

    @Inject
    DataSourceChoice database;

    private volatile boolean stopping;

    /** From now on this server is sent no one new: it is closing its connections. */
    public void stopping() {
        stopping = true;
    }

    /** @return why this server is not ready, or empty when it is */
    public Optional<String> notReadyBecause() {
        if (stopping) {
            return Optional.of("the server is stopping");
        }
        try (Connection connection = database.dataSource().getConnection()) {
            if (!connection.isValid(VALID_TIMEOUT_SECONDS)) {
                return Optional.of("the database " + database.describe() + " does not answer");
            }
        } catch (SQLException | NamingException | RuntimeException e) {
            return Optional.of("the database " + database.describe() + " cannot be reached: " + e.getMessage());
        }
        return Optional.empty();
    }
}
