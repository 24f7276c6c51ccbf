package org.parley.bench;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.derby.drda.NetworkServerControl;

/**
 * What a chat of several servers shares (README "Several servers as one chat"), in the generator's JVM: an Artemis
 * broker and a Derby network server on free ports, and the operator's post-boot commands for Payara Micro
 * (server-config/payara) filled in with them.
 */
final class BenchCluster implements AutoCloseable {

    private static final String USER = "parley";
    private static final String PASSWORD = "not-a-secret";

    private final EmbeddedActiveMQ broker;
    private final NetworkServerControl database;
    private final PrintWriter databaseLog;
    private final Path commands;

    private BenchCluster(EmbeddedActiveMQ broker, NetworkServerControl database, PrintWriter databaseLog,
            Path commands) {
        this.broker = broker;
        this.database = database;
        this.databaseLog = databaseLog;
        this.commands = commands;
    }

    static BenchCluster start(Path work) throws Exception {
        int brokerPort = BenchServers.freePort();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://localhost:" + brokerPort));
        broker.start();

        Path home = work.resolve("shared-db");
        Files.createDirectories(home);
        System.setProperty("derby.system.home", home.toString());
        int databasePort = BenchServers.freePort();
        NetworkServerControl database = new NetworkServerControl(InetAddress.getLoopbackAddress(), databasePort);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(home.resolve("derby-network.log")), true);
        database.start(log);
        awaitAnswer(database);

        Path config = Path.of(System.getProperty("parley.server.config"), "payara");
        String datasource = Files.readString(config.resolve("parley-datasource.micro.asadmin"))
                .replace("portNumber=1527", "portNumber=" + databasePort)
                .replace("user=parley:password=change-me", "user=" + USER + ":password=" + PASSWORD);
        String cluster = Files.readString(config.resolve("parley-cluster.micro.asadmin"))
                .replace("port\\=61616", "port\\=" + brokerPort)
                .replace("/opt/parley/parley-artemis-ra.rar", System.getProperty("parley.artemis.rar"));
        Path commands = work.resolve("parley-cluster.micro.asadmin");
        Files.writeString(commands, datasource + "\n" + cluster);
        return new BenchCluster(broker, database, log, commands);
    }

    /** One command file, as Payara Micro takes one: the shared database's pool, then the broker's adapter. */
    Path commands() {
        return commands;
    }

    /** The jars a server needs on its class path to reach the shared database. */
    static List<Path> driverJars() throws URISyntaxException {
        return List.of(jarOf(org.apache.derby.client.ClientAutoloadedDriver.class),
                jarOf(org.apache.derby.shared.common.error.StandardException.class));
    }

    @Override
    public void close() throws Exception {
        try {
            database.shutdown();
        } finally {
            databaseLog.close();
            broker.stop();
        }
    }

    // start() returns before the server listens; polling is the only way its API offers to know
    private static void awaitAnswer(NetworkServerControl database) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                database.ping();
                return;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Derby's network server did not answer", notYet);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
