package org.parley.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.naming.NamingException;
import org.parley.setup.DataSourceChoice;

/**
 * Whether this server should be sent people: not while its database does not answer, since nothing can be stored
 * and so nothing acknowledged.
 */
@ApplicationScoped
public class Readiness {

    private static final int VALID_TIMEOUT_SECONDS = 2;

    @Inject
    DataSourceChoice database;

    /** @return why this server is not ready, or empty when it is */
    public Optional<String> notReadyBecause() {
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
