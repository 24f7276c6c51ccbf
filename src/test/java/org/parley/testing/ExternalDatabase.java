package org.parley.testing;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.derby.drda.NetworkServerControl;
import org.awaitility.Awaitility;

/**
 * An operator's database, as far as Parley can tell: Derby's network server, run in the test's own JVM on a free
 * port and reached over the network by the server under test, through the JDBC client an operator would install.
 */
public final class ExternalDatabase implements AutoCloseable {

    public static final String NAME = "parley";
    public static final String USER = "parley";
    public static final String PASSWORD = "not-a-secret";

    private final NetworkServerControl server;
    private final int port;
    private final PrintWriter log;
    private boolean closed;

    private ExternalDatabase(NetworkServerControl server, int port, PrintWriter log) {
        this.server = server;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the network server with its databases under {@code home}, and waits until it answers. The database is
     * made here, and checked to be under {@code home}: Derby's engine reads {@code derby.system.home} once, when it
     * boots, and stays booted in this JVM when a network server stops; a second database started without shutting
     * the engine down first was the first one, with everything an earlier test left in it (in a suite run, that can
     * be the database of a cluster test whose servers it killed).
     */
    public static ExternalDatabase start(Path home) throws Exception {
        Files.createDirectories(home);
        shutDownEngine();
        System.setProperty("derby.system.home", home.toAbsolutePath().toString());
        int port = FreePort.pick();
        NetworkServerControl server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(home.resolve("derby-network.log")), true);
        server.start(log);
        // start() returns before the server listens; polling is the only way its API offers to know
        Awaitility.await("Derby's network server to answer on port " + port).atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    server.ping();
                    return true;
                });
        ExternalDatabase database = new ExternalDatabase(server, port, log);
        DriverManager.getConnection(database.url(), USER, PASSWORD).close();
        if (!Files.isDirectory(home.resolve(NAME))) {
            database.close();
            throw new IllegalStateException("Derby made the database " + NAME + " somewhere other than " + home);
        }
        return database;
    }

    /**
     * Shuts down Derby's engine in this JVM, if it runs (a network server's, or an embedded connection's), so that it
     * boots again with the next {@code derby.system.home}.
     */
    private static void shutDownEngine() {
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException shutDownOrNotRunning) {
            // XJ015 says it shut down; XJ004 or "no suitable driver" that there was nothing to shut down
        }
    }

    public int port() {
        return port;
    }

    /** The URL a server's JDBC driver connects with; the database is made at the first connection. */
    public String url() {
        return "jdbc:derby://localhost:" + port + "/" + NAME + ";create=true";
    }

    /** A file of the project's server-config/ folder, as an operator has it. */
    public static Path serverConfig(String file) {
        return Path.of(System.getProperty("parley.server.config"), file);
    }

    /** The jars an operator installs into the server so that it can reach this database. */
    public static List<Path> driverJars() {
        return List.of(jarOf(org.apache.derby.client.ClientAutoloadedDriver.class),
                jarOf(org.apache.derby.shared.common.error.StandardException.class));
    }

    /**
     * How many direct messages to {@code recipient} no device of theirs has confirmed, read straight from this
     * database: those after the recipient's delivery mark.
     */
    public int messagesWaitingFor(String recipient) throws SQLException {
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
    public void assertOneWaitingFor(String recipient) throws SQLException {
        int waiting = messagesWaitingFor(recipient);
        if (waiting != 1) {
            throw new AssertionError(waiting + " messages for " + recipient + " in the operator's database, not 1");
        }
    }

    /** A delivered message is marked so once the recipient's client confirms it, a moment after: waits for that. */
    public void awaitNoneWaitingFor(String recipient, Duration limit) {
        Awaitility.await("no message for " + recipient + " left unconfirmed").atMost(limit)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> messagesWaitingFor(recipient) == 0);
    }

    /** Stops the network server, as an operator's database going away would; once, however often it is called. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
        } finally {
            shutDownEngine();
            log.close();
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
