package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Payara Micro with Parley, started as README says: {@code java -jar payara-micro.jar --deploy parley.war}, with
 * settings as system properties, and for a server of several the operator's post-boot commands.
 */
public final class PayaraMicroServer implements ParleyServer {

    private static final Duration START = Duration.ofMinutes(3);

    private final Path work;
    private final URL base;
    private final List<String> options;
    private Process process;
    private Thread killOnExit;
    private int starts;

    private PayaraMicroServer(Path work, int port, List<String> options) {
        this.work = work;
        try {
            this.base = new URL("http://localhost:" + port + "/parley/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        this.options = options;
    }

    /** Parley alone on its embedded database, on a port picked now; its logs and database in {@code work}. */
    public static PayaraMicroServer plain(Path work) {
        return new PayaraMicroServer(work, FreePort.pick(), List.of());
    }

    /**
     * One server of a chat of several, as README "Several servers as one chat" sets it up.
     *
     * @param postBoot the post-boot command file (the data source, and the broker's connection factory)
     * @param libraries jars for the server's class path (the database's JDBC driver)
     */
    public static PayaraMicroServer withCommands(Path work, int port, Path postBoot, List<Path> libraries) {
        return new PayaraMicroServer(work, port, List.of(
                "--addlibs", libraries.stream().map(Path::toString)
                        .collect(Collectors.joining(System.getProperty("path.separator"))),
                "--postbootcommandfile", postBoot.toString()));
    }

    @Override
    public URL start(Map<String, String> settings) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running at " + base);
        }
        try {
            Files.createDirectories(work);
            starts++;
            // an earlier run's log of the same start, which would otherwise be appended to
            Files.deleteIfExists(log());
            Path properties = work.resolve("settings.properties");
            Files.writeString(properties, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n")));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-Djava.io.tmpdir=" + work, "-Dderby.system.home=" + databaseHome(),
                    "-jar", System.getProperty("payara.microJar"), "--nocluster", "--port",
                    String.valueOf(base.getPort()), "--contextroot", "parley",
                    "--systemproperties", properties.toString()));
            command.addAll(options);
            command.addAll(List.of("--deploy", System.getProperty("parley.war")));
            process = Command.start(log(), command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        killOnExit = new Thread(started::destroyForcibly, "kill Payara Micro at " + base);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Awaitility.await("Parley to answer at " + base + " (" + log() + ")").atMost(START)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!started.isAlive()) {
                        throw new AssertionError("Payara Micro exited with " + started.exitValue() + "; see " + log());
                    }
                    return PageAnswer.answers(base);
                });
        return base;
    }

    @Override
    public URL base() {
        return base;
    }

    @Override
    public void stop() {
        end(Process::destroy);
    }

    @Override
    public void kill() {
        end(Process::destroyForcibly);
    }

    private void end(Consumer<Process> signal) {
        if (process == null) {
            return;
        }
        signal.accept(process);
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        process = null;
    }

    @Override
    public Path databaseHome() {
        return work.resolve("derby");
    }

    @Override
    public Path log() {
        return work.resolve("payara-micro-" + starts + ".log");
    }

    @Override
    public String toString() {
        return "Payara Micro at " + base;
    }
}
