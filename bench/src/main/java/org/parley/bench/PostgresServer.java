package org.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL server with a cluster of its own, made in a temporary directory and removed when it stops: the
 * shared database of the benchmark's cluster, and of the tests (testing.PostgresDatabase). Durable as PostgreSQL is by
 * default, on a port given to it, with a password for Parley's user as an operator would set one. PostgreSQL refuses
 * to run as root, so where this runs as root its commands run as the {@code postgres} user the package made.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "parley";
    public static final String USER = "parley";
    public static final String PASSWORD = "not-a-secret";

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path cluster;
    private final Path log;
    private final int port;
    private boolean stopped;

    private PostgresServer(Path bin, Path cluster, Path log, int port) {
        this.bin = bin;
        this.cluster = cluster;
        this.log = log;
        this.port = port;
    }

    /**
     * Makes a cluster, starts it on {@code port} and makes the database {@link #DATABASE} in it; what its commands
     * print goes to {@code log}, and the server's own log is added there when it stops.
     */
    public static PostgresServer start(Path log, int port) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(log.getParent());
        // the postgres user must reach it: under root's own temporary directory (a build under /root) it could not
        Path cluster = Files.createTempDirectory(runsAsRoot() ? Path.of("/tmp")
                : Path.of(System.getProperty("java.io.tmpdir")), "parley-postgres-");
        Path password = cluster.resolve("password");
        Files.writeString(password, PASSWORD + "\n");
        PostgresServer server = new PostgresServer(binaries(), cluster, log, port);
        if (runsAsRoot()) {
            server.run(List.of("chown", "-R", "postgres:postgres", cluster.toString()));
        }
        server.tool("initdb", "--pgdata=" + server.data(), "--username=" + USER, "--pwfile=" + password,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync");
        server.tool("pg_ctl", "--pgdata=" + server.data(), "--log=" + server.serverLog(), "--wait", "--timeout=60",
                // its log (in {@code log} once stopped) says when it checkpointed or vacuumed and what took 50 ms or
                // more: to line up with a test's or a benchmark step's slowest moments
                "-o", "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=''"
                        + " -c log_checkpoints=on -c log_autovacuum_min_duration=0 -c log_min_duration_statement=50",
                "start");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The newest PostgreSQL installed. */
    private static Path binaries() throws IOException {
        if (Files.isDirectory(INSTALLED)) {
            try (Stream<Path> versions = Files.list(INSTALLED)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString()
                                .replaceAll("\\D", ""))))
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

    public int port() {
        return port;
    }

    /** The URL Parley's servers and the tests connect with. */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** The properties of a Payara pool of {@code org.postgresql.ds.PGSimpleDataSource}, as asadmin takes them. */
    public String poolProperties() {
        return "serverName=localhost:portNumber=" + port + ":databaseName=" + DATABASE + ":user=" + USER
                + ":password=" + PASSWORD;
    }

    /** The JDBC driver's jar, which a server is given to reach this database. */
    public static Path driverJar() {
        try {
            return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path data() {
        return cluster.resolve("data");
    }

    private Path serverLog() {
        return cluster.resolve("server.log");
    }

    private void tool(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (runsAsRoot()) {
            // util-linux's, in /usr/sbin, which a PATH without the sbin folders would not find
            Path runuser = Path.of("/usr/sbin/runuser");
            command.addAll(List.of(Files.isExecutable(runuser) ? runuser.toString() : "runuser", "-u", "postgres",
                    "--"));
        }
        command.add(bin.resolve(name).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in time; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                    + "; see " + log);
        }
    }

    /** Stops the server at once (its clients see their connections fail) and removes its cluster; once. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            tool("pg_ctl", "--pgdata=" + data(), "--mode=fast", "--wait", "stop");
        } finally {
            if (Files.exists(serverLog())) {
                Files.writeString(log, Files.readString(serverLog()), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            try (Stream<Path> paths = Files.walk(cluster)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }
}
