package org.parley.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Starts the servers under test as processes of their own, pinned to core 0 while the generator keeps core 1. */
final class BenchServers {

    /** Settings for Parley under load: limits meant for people would refuse a load generator. */
    static final Map<String, String> PARLEY_SETTINGS = Map.of(
            "PARLEY_PASSWORD_ITERATIONS", "1000",
            "PARLEY_RATE_LIMIT", "100000",
            "PARLEY_RATE_BURST", "100000",
            "PARLEY_SIGNUP_PER_ADDRESS", "1000000",
            "PARLEY_SIGNUP_PER_SERVER", "1000000",
            "PARLEY_MAILBOX_CAPACITY", "20000",
            "PARLEY_TICKET_LIFETIME", "1h");

    /**
     * The JVM options of every server measured (-Dparley.bench.server.jvm, separated by spaces): pinned to one core,
     * a JVM picks the serial collector, whose young pauses of up to 100 ms are in every latency figure.
     */
    static final List<String> SERVER_JVM = List.of(System.getProperty("parley.bench.server.jvm", "").isBlank()
            ? new String[] {"-Xmx2g"} : System.getProperty("parley.bench.server.jvm").trim().split("\\s+"));

    /** The {@code java} every server measured runs on (-Dparley.bench.server.java), by default the one on the PATH. */
    static final String SERVER_JAVA = System.getProperty("parley.bench.server.java", "").isBlank() ? "java"
            : System.getProperty("parley.bench.server.java").trim();

    /** A pre-boot command file every Payara Micro measured is given, if the run names one. */
    private static final String PAYARA_PREBOOT = System.getProperty("parley.bench.payara.preboot", "").trim();

    private BenchServers() {
    }

    /** Payara Micro's arguments for the run's pre-boot commands, before its other arguments. */
    private static List<String> preBoot() {
        return PAYARA_PREBOOT.isEmpty() ? List.of()
                : List.of("--prebootcommandfile", Path.of(PAYARA_PREBOOT).toAbsolutePath().toString());
    }

    private static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>(List.of(SERVER_JAVA));
        command.addAll(SERVER_JVM);
        command.addAll(List.of(arguments));
        return command;
    }

    /** The embedded database Parley on {@code server} ("payara" or "wildfly") keeps under {@code work}. */
    static Path database(String server, Path work) {
        return work.resolve("wildfly".equals(server) ? "wildfly-data" : "data").resolve("parley");
    }

    static Process parley(Path microJar, Path war, Path work, int port) throws IOException {
        List<String> command = pinned(java("-Dderby.system.home=" + database("payara", work).getParent(),
                "-Dderby.stream.error.file=" + work.resolve("derby.log"), "-jar", microJar.toString()));
        command.addAll(preBoot());
        command.addAll(List.of("--deploy", war.toString(), "--contextroot", "parley", "--port",
                Integer.toString(port), "--nocluster"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("parley.log").toFile());
        // the suite's short timers and small limits reach this JVM through failsafe; the server gets none of them
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(PARLEY_SETTINGS);
        return builder.start();
    }

    /**
     * One Parley server of a chat of several, on the shared database and broker its post-boot commands name
     * (README "Several servers as one chat"), with the JDBC driver on its class path.
     */
    static Process clusterNode(Path microJar, Path war, Path work, String name, int port, Path postBoot,
            List<Path> libraries) throws IOException {
        List<String> command = pinned(java("-Dderby.system.home=" + work.resolve(name + "-data"),
                "-Dderby.stream.error.file=" + work.resolve(name + "-derby.log"), "-jar", microJar.toString(),
                "--addlibs", libraries.stream().map(Path::toString).collect(Collectors.joining(":"))));
        command.addAll(preBoot());
        command.addAll(List.of("--postbootcommandfile", postBoot.toString(), "--deploy", war.toString(),
                "--contextroot", "parley", "--port", Integer.toString(port), "--nocluster"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PARLEY_"));
        builder.environment().putAll(PARLEY_SETTINGS);
        builder.environment().put("PARLEY_DATASOURCE", "jdbc/parley");
        builder.environment().put("PARLEY_CLUSTER_CONNECTIONFACTORY", "jms/parleyConnectionFactory");
        return builder.start();
    }

    /**
     * WildFly from its distribution, on a base directory of its own under {@code work} with the WAR in its
     * deployments, its ports offset so that HTTP is on {@code port}, and the same heap limit as Payara Micro's.
     */
    static Process wildfly(Path home, Path war, Path work, int port) throws IOException {
        Path base = work.resolve("wildfly-base");
        copyFresh(home.resolve("standalone"), base);
        Files.copy(war, base.resolve("deployments/parley.war"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = pinned(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + (port - 8080),
                "-Dderby.system.home=" + database("wildfly", work).getParent()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("wildfly.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(PARLEY_SETTINGS);
        if (!SERVER_JAVA.equals("java")) {
            // standalone.sh runs $JAVA, else java from JAVA_HOME or the PATH
            builder.environment().put("JAVA", SERVER_JAVA);
        }
        // standalone.conf would otherwise give it 512 MiB
        builder.environment().put("JAVA_OPTS", String.join(" ", SERVER_JVM) + " -Djava.net.preferIPv4Stack=true");
        return builder.start();
    }

    /** The JVM a start script started: its memory is what counts, not the script's. */
    static long jvmOf(Process process) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            var java = process.descendants()
                    .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                    .findFirst();
            if (java.isPresent()) {
                return java.get().pid();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new IllegalStateException("no JVM under process " + process.pid());
    }

    static Process baseline(Path work, int port) throws IOException {
        return new ProcessBuilder(pinned(java("-cp", classPath(),
                BaselineRelay.class.getName(), Integer.toString(port)))).redirectErrorStream(true)
                .redirectOutput(work.resolve("baseline.log").toFile()).start();
    }

    private static List<String> pinned(List<String> command) {
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", "0"));
        pinned.addAll(command);
        return pinned;
    }

    static void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw new IllegalStateException("nothing listens on port " + port);
    }

    /**
     * The class path this program was loaded from: the JVM's own when started with {@code java -cp}, the loader's
     * when Maven runs it in its own JVM ({@code exec:java}, whose {@code java.class.path} is Maven's).
     */
    private static String classPath() {
        if (BaselineRelay.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(URL::getPath).collect(Collectors.joining(":"));
        }
        return System.getProperty("java.class.path");
    }

    /**
     * A port nothing listens on, below the ephemeral range (32768 and up): a port picked there can be taken, before
     * the server binds it, by an outgoing connection.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** Returns once {@code page} answers 200: the server is up with Parley deployed. */
    static void awaitPage(URL page) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) page.openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                try {
                    if (connection.getResponseCode() == 200) {
                        return;
                    }
                } finally {
                    connection.disconnect();
                }
            } catch (IOException notYet) {
                // still starting
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new IllegalStateException(page + " did not answer within three minutes");
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** Makes {@code to} a fresh copy of {@code from}: nothing a previous run left there stays. */
    private static void copyFresh(Path from, Path to) throws IOException {
        delete(to);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
