package org.parley.testing;

import java.nio.file.Path;
import java.util.List;
import org.parley.bench.PostgresServer;

/**
 * PostgreSQL as an operator's database: Debian's own server (installed by tools/packages-for-tests) with a cluster
 * made for the test, on a free port ({@link PostgresServer}, which the benchmark's cluster uses too).
 */
public final class PostgresDatabase implements ExternalDatabase {

    private final PostgresServer server;

    private PostgresDatabase(PostgresServer server) {
        this.server = server;
    }

    /** Starts it; what its commands and the server print goes to {@code home}/postgres.log. */
    public static PostgresDatabase start(Path home) throws Exception {
        return new PostgresDatabase(PostgresServer.start(home.resolve("postgres.log"), FreePort.pick()));
    }

    @Override
    public String url() {
        return server.url();
    }

    @Override
    public List<Path> driverJars() {
        return List.of(PostgresServer.driverJar());
    }

    @Override
    public String dataSourceClass() {
        return "org.postgresql.ds.PGSimpleDataSource";
    }

    @Override
    public String poolProperties() {
        return server.poolProperties();
    }

    @Override
    public Driver wildFlyDriver() {
        return new Driver("org.postgresql", "postgresql", "org.postgresql.Driver");
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + server.port();
    }

    /** Stops the server at once (its clients see their connections fail) and removes its cluster. */
    @Override
    public void close() throws Exception {
        server.close();
    }
}
