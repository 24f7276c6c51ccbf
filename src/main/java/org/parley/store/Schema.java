package org.parley.store;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import javax.naming.NamingException;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the database's tables up to this version of Parley before anything uses them, with the change sets of
 * {@code db/changelog.xml} (Liquibase, which knows Derby and PostgreSQL alike and records what has run in the
 * database itself). It runs at start-up and, whichever comes first, at the first use of the store; a deployment
 * whose database cannot be migrated does not start.
 */
@Singleton
@Startup
// the start-up callback too: a singleton's @PostConstruct runs in a transaction unless told otherwise (WildFly then
// refuses Liquibase's own commits)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Schema {

    static final String CHANGELOG = "db/changelog.xml";
    private static final Logger LOG = Logger.getLogger(Schema.class.getName());
    private static final int MIGRATION_ATTEMPTS = 3;

    @Inject
    DataSourceChoice choice;

    private boolean current;

    @PostConstruct
    void atStart() {
        bringUpToDate();
    }

    /**
     * Outside any transaction: Liquibase commits each change set on its own connection, which a caller's
     * transaction must not enlist. The bean's lock makes a second caller wait for the first one's migration.
     */
    public void bringUpToDate() {
        if (current) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = choice.dataSource().getConnection()) {
                migrate(connection);
                break;
            } catch (SQLException | NamingException e) {
                throw new IllegalStateException("Could not bring the database " + choice.describe() + " up to date: "
                        + e.getMessage(), e);
            } catch (IllegalStateException e) {
                // servers of one chat starting together on a new database: both make Liquibase's own tables, and
                // the second one's attempt fails; its next one finds them and waits for Liquibase's lock
                if (attempt == MIGRATION_ATTEMPTS) {
                    throw e;
                }
                LOG.warning(() -> "The schema migration failed; trying again, as another server sharing the"
                        + " database may be migrating it: " + e.getMessage());
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            }
        }
        current = true;
    }

    /** Runs every change set not yet recorded in this database; shared with the tests of the migrations. */
    public static void migrate(Connection connection) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            try {
                update(connection);
            } catch (IllegalStateException e) {
                // a statement that failed leaves PostgreSQL's transaction aborted, refusing every later one: seen with
                // Payara's pool, whose connection was still aborted at the next attempt, which then failed on that
                // instead of finding the tables another server had made meanwhile
                rollBack(connection, e);
                throw e;
            } finally {
                // Liquibase turns auto-commit off; the connection goes back to its pool as it came
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The schema migration failed: " + e.getMessage(), e);
        }
        LOG.info("The database is up to date (" + CHANGELOG + ")");
    }

    /** Ends whatever transaction the failed migration left; the driver's own state decides if there is one. */
    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // none to end (the driver was in auto-commit): the failure is what the caller hears of
            failure.addSuppressed(e);
        }
    }

    private static void update(Connection connection) {
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(Schema.class.getClassLoader()),
                    // no network here, and nothing of the operator's is anyone else's business
                    "liquibase.analytics.enabled", false), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute());
        } catch (Exception e) {
            throw new IllegalStateException("The schema migration failed: " + e.getMessage(), e);
        }
    }
}
