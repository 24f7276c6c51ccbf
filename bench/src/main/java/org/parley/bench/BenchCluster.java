package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * What a chat of several servers shares (README "Several servers as one chat"): an Artemis broker in the generator's
 * JVM and a PostgreSQL server ({@link PostgresServer}) on free ports, and the operator's post-boot commands for
 * Payara Micro (server-config/payara) filled in with them.
 */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final PostgresServer database;
    private final Path commands;

    private BenchCluster(EmbeddedActiveMQ broker, PostgresServer database, Path commands) {
        this.broker = broker;
        this.database = database;
        this.commands = commands;
    }

    static BenchCluster start(Path work) throws Exception {
        int brokerPort = BenchServers.freePort();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://localhost:" + brokerPort));
        broker.start();
        PostgresServer database = PostgresServer.start(work.resolve("shared-db").resolve("postgres.log"),
                BenchServers.freePort());

        Path config = Path.of(System.getProperty("parley.server.config"), "payara");
        String datasource = PayaraPool.filled(Files.readString(config.resolve("parley-datasource.micro.asadmin")),
                "org.postgresql.ds.PGSimpleDataSource", database.poolProperties());
        String cluster = Files.readString(config.resolve("parley-cluster.micro.asadmin"))
                .replace("port\\=61616", "port\\=" + brokerPort)
                .replace("/opt/parley/parley-artemis-ra.rar", System.getProperty("parley.artemis.rar"));
        Path commands = work.resolve("parley-cluster.micro.asadmin");
        Files.writeString(commands, datasource + "\n" + cluster);
        return new BenchCluster(broker, database, commands);
    }

    /** One command file, as Payara Micro takes one: the shared database's pool, then the broker's adapter. */
    Path commands() {
        return commands;
    }

    /** The jars a server needs on its class path to reach the shared database. */
    static List<Path> driverJars() {
        return List.of(PostgresServer.driverJar());
    }

    @Override
    public void close() throws Exception {
        try {
            database.close();
        } finally {
            broker.stop();
        }
    }
}
