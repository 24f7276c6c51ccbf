package org.parley.testing;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.derby.drda.NetworkServerControl;
import org.awaitility.Awaitility;

/**
 * Derby's network server as an operator's database, run in the test's own JVM on a free port and reached over the
 * network by the server under test, through the JDBC client an operator would install.
 */
public final class DerbyNetworkDatabase implements ExternalDatabase {

    private final NetworkServerControl server;
    private final int port;
    private final PrintWriter log;
    private boolean closed;

    private DerbyNetworkDatabase(NetworkServerControl server, int port, PrintWriter log) {
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
    public static DerbyNetworkDatabase start(Path home) throws Exception {
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
        DerbyNetworkDatabase database = new DerbyNetworkDatabase(server, port, log);
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

    @Override
    public String url() {
        // the database is made at the first connection
        return "jdbc:derby://localhost:" + port + "/" + NAME + ";create=true";
    }

    @Override
    public List<Path> driverJars() {
        return List.of(ExternalDatabase.jarOf(org.apache.derby.client.ClientAutoloadedDriver.class),
                ExternalDatabase.jarOf(org.apache.derby.shared.common.error.StandardException.class));
    }

    @Override
    public String dataSourceClass() {
        return "org.apache.derby.client.BasicClientDataSource";
    }

    @Override
    public String poolProperties() {
        return "serverName=localhost:portNumber=" + port + ":databaseName=" + NAME + ":createDatabase=create:user="
                + USER + ":password=" + PASSWORD;
    }

    @Override
    public Driver wildFlyDriver() {
        return new Driver("org.apache.derby.client", "derby-client", "org.apache.derby.client.ClientAutoloadedDriver");
    }

    @Override
    public String toString() {
        return "Derby's network server on port " + port;
    }

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
}
