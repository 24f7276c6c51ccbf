package org.parley.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * An operator's database, as far as Parley can tell: a database server of its own, reached over the network by the
 * server under test through the JDBC driver an operator would install, and set up with the project's server-config
 * files ({@link #serverConfig}). {@link PostgresDatabase} and {@link DerbyNetworkDatabase} are the two.
 */
public interface ExternalDatabase extends AutoCloseable {

    String NAME = "parley";
    String USER = "parley";
    String PASSWORD = "not-a-secret";

    /** A file of the project's server-config/ folder, as an operator has it. */
    static Path serverConfig(String file) {
        return Path.of(System.getProperty("parley.server.config"), file);
    }

    /** The URL a server's JDBC driver connects with. */
    String url();

    /** The jars an operator installs into the server so that it can reach this database. */
    List<Path> driverJars();

    /** The data source class of Payara's connection pool (server-config/payara). */
    String dataSourceClass();

    /** That class's properties for this database, {@code name=value} separated by colons, as asadmin takes them. */
    String poolProperties();

    /** What server-config/wildfly/parley-datasource.properties says of the driver. */
    record Driver(String module, String name, String driverClass) {
    }

    Driver wildFlyDriver();

    /**
     * How many direct messages to {@code recipient} no device of theirs has confirmed, read straight from this
     * database: those after the recipient's delivery mark.
     */
    default int messagesWaitingFor(String recipient) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), USER, PASSWORD);
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM MESSAGE WHERE RECIPIENT = ?"
                        + " AND SEQ > COALESCE((SELECT UP_TO FROM DELIVERY_MARK WHERE USER_NAME = ?), 0)")) {
            query.setString(1, recipient);
            query.setString(2, recipient);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** Fails unless exactly one message waits for {@code recipient} here: proof it went to this database. */
    default void assertOneWaitingFor(String recipient) throws SQLException {
        int waiting = messagesWaitingFor(recipient);
        if (waiting != 1) {
            throw new AssertionError(waiting + " messages for " + recipient + " in " + this + ", not 1");
        }
    }

    /** A delivered message is marked so once the recipient's client confirms it, a moment after: waits for that. */
    default void awaitNoneWaitingFor(String recipient, Duration limit) {
        Awaitility.await("no message for " + recipient + " left unconfirmed").atMost(limit)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> messagesWaitingFor(recipient) == 0);
    }

    /** Stops the database server, as an operator's database going away would; once, however often it is called. */
    @Override
    void close() throws Exception;

    /** The jar a class was loaded from. */
    static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
