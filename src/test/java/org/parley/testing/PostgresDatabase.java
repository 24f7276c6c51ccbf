package org.parley.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL as an operator's database: Debian's own server (installed by tools/packages-for-tests), a cluster of its
 * own made for the test in a temporary directory, on a free port of this machine, durable as PostgreSQL is by default,
 * with a password for Parley's user as an operator would set it. PostgreSQL refuses to run as root, so where the
 * tests run as root its commands run as the {@code postgres} user the package made.
 */
public final class PostgresDatabase implements ExternalDatabase {

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

    private final Path bin;
    private final Path cluster;
    private final Path log;
    private final int port;
    private boolean closed;

    private PostgresDatabase(Path bin, Path cluster, Path log, int port) {
        this.bin = bin;
        this.cluster = cluster;
        this.log = log;
        this.port = port;
    }

    /**
     * Makes a cluster, starts it and makes the database {@link #NAME} in it; what the commands print goes to
     * {@code home}/postgres.log, and the server's own log is copied there when it stops.
     */
    public static PostgresDatabase start(Path home) throws Exception {
        Files.createDirectories(home);
        // the postgres user must reach it: under root's own temporary directory (a build under /root) it could not
        Path cluster = Files.createTempDirectory(runsAsRoot() ? Path.of("/tmp") : Path.of(System.getProperty(
                "java.io.tmpdir")), "parley-postgres-");
        Path password = cluster.resolve("password");
        Files.writeString(password, PASSWORD + "\n");
        PostgresDatabase database = new PostgresDatabase(binaries(), cluster, home.resolve("postgres.log"),
                FreePort.pick());
        if (runsAsRoot()) {
            Command.run(database.log, COMMAND_LIMIT, "chown", "-R", "postgres:postgres", cluster.toString());
        }
        database.run("initdb", "--pgdata=" + database.data(), "--username=" + USER, "--pwfile=" + password,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync");
        database.run("pg_ctl", "--pgdata=" + database.data(), "--log=" + database.serverLog(), "--wait",
                "--timeout=60", "-o", "-p " + database.port + " -c listen_addresses=localhost"
                        + " -c unix_socket_directories=''", "start");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + database.port + "/postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + NAME);
        } catch (SQLException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The newest PostgreSQL installed. */
    private static Path binaries() throws IOException {
        if (Files.isDirectory(INSTALLED)) {
            try (Stream<Path> versions = Files.list(INSTALLED)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", ""))))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("No PostgreSQL server in " + INSTALLED + ": tools/packages-for-tests installs"
                + " Debian's (apt-get install postgresql)");
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Path data() {
        return cluster.resolve("data");
    }

    private Path serverLog() {
        return cluster.resolve("server.log");
    }

    private void run(String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (runsAsRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(arguments));
        Command.run(log, COMMAND_LIMIT, command.toArray(String[]::new));
    }

    public int port() {
        return port;
    }

    @Override
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    @Override
    public List<Path> driverJars() {
        return List.of(ExternalDatabase.jarOf(org.postgresql.Driver.class));
    }

    @Override
    public String dataSourceClass() {
        return "org.postgresql.ds.PGSimpleDataSource";
    }

    @Override
    public String poolProperties() {
        return "serverName=localhost:portNumber=" + port + ":databaseName=" + NAME + ":user=" + USER + ":password="
                + PASSWORD;
    }

    @Override
    public Driver wildFlyDriver() {
        return new Driver("org.postgresql", "postgresql", "org.postgresql.Driver");
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + port;
    }

    /** Stops the server at once (its clients see their connections fail) and removes its cluster. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run("pg_ctl", "--pgdata=" + data(), "--mode=fast", "--wait", "stop");
        } finally {
            if (Files.exists(serverLog())) {
                Files.writeString(log, Files.readString(serverLog()), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            DirectoryTree.delete(cluster);
        }
    }
}
