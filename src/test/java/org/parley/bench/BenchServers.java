package org.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.parley.testing.DirectoryTree;

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

    private BenchServers() {
    }

    static Process parley(Path microJar, Path war, Path work, int port) throws IOException {
        List<String> command = pinned(List.of("java", "-Xmx2g", "-Dderby.system.home=" + work.resolve("data"),
                "-Dderby.stream.error.file=" + work.resolve("derby.log"), "-jar", microJar.toString(), "--deploy",
                war.toString(), "--contextroot", "parley", "--port", Integer.toString(port), "--nocluster"));
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
        List<String> command = pinned(List.of("java", "-Xmx2g", "-Dderby.system.home=" + work.resolve(name + "-data"),
                "-Dderby.stream.error.file=" + work.resolve(name + "-derby.log"), "-jar", microJar.toString(),
                "--addlibs", libraries.stream().map(Path::toString).collect(Collectors.joining(":")),
                "--postbootcommandfile", postBoot.toString(), "--deploy", war.toString(), "--contextroot", "parley",
                "--port", Integer.toString(port), "--nocluster"));
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
        DirectoryTree.copyFresh(home.resolve("standalone"), base);
        Files.copy(war, base.resolve("deployments/parley.war"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = pinned(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + (port - 8080),
                "-Dderby.system.home=" + work.resolve("wildfly-data")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("wildfly.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(PARLEY_SETTINGS);
        // standalone.conf would otherwise give it 512 MiB
        builder.environment().put("JAVA_OPTS", "-Xmx2g -Djava.net.preferIPv4Stack=true");
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
        return new ProcessBuilder(pinned(List.of("java", "-Xmx2g", "-cp", System.getProperty("java.class.path"),
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
}
