package org.parley.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * WildFly with Parley, started from the distribution Maven unpacked with {@code standalone.sh}, on a fresh copy of
 * its standalone directory (made once: later starts keep the deployment and the database) and a port offset of its
 * own that moves all its sockets to free ports. Parley alone is dropped into its deployments folder and comes up as
 * the server boots; a server of several is first set up with the operator's CLI scripts of server-config/wildfly and
 * then given Parley through the CLI, as an operator does by hand.
 */
public final class WildFlyServer implements ParleyServer {

    /** An operator's CLI script, run on the running server with this properties file, as its header says. */
    public record Script(Path file, Path properties) {
    }

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration CLI = Duration.ofMinutes(2);
    // a socket binding's name and default port, whether fixed (iiop) or behind a property (http)
    private static final Pattern BINDING = Pattern.compile(
            "<socket-binding name=\"([^\"]+)\"[^>]*?\\bport=\"(?:\\$\\{[^:}]+:)?(\\d+)}?\"");

    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path base;
    private final String profile;
    private final List<Script> scripts;
    private final int offset;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private boolean deployed;
    private Process script;
    private ProcessHandle jvm;
    private Thread killOnExit;
    private int starts;

    private WildFlyServer(Path base, String profile, List<Script> scripts) {
        this.base = base;
        this.profile = profile;
        this.scripts = scripts;
        try {
            DirectoryTree.copyFresh(home.resolve("standalone"), base);
            Map<String, Integer> defaults = socketBindings(base.resolve("configuration").resolve(profile));
            // the full profile's sockets span 3528 (IIOP, fixed in the profile) to 9993 (management over HTTPS): one
            // offset has to move them all to free ports, not only HTTP and management
            offset = FreePort.offsetFor(defaults.values());
            defaults.forEach((name, port) -> ports.put(name, port + offset));
            if (scripts.isEmpty()) {
                Path war = Path.of(System.getProperty("parley.war"));
                Files.copy(war, base.resolve("deployments").resolve(war.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
                deployed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parley alone, on its embedded database, with the default profile; its base directory at {@code base}. */
    public static WildFlyServer plain(Path base) {
        return new WildFlyServer(base, "standalone.xml", List.of());
    }

    /**
     * One server of a chat of several: the full profile, whose messaging subsystem holds the Artemis client, set up by
     * these scripts at its first start before Parley is deployed.
     */
    public static WildFlyServer withScripts(Path base, List<Script> scripts) {
        return new WildFlyServer(base, "standalone-full.xml", scripts);
    }

    /** The ports this server binds, by socket binding: some may not be bound yet. */
    public Map<String, Integer> ports() {
        return ports;
    }

    @Override
    public URL start(Map<String, String> settings) {
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException("already running at " + base());
        }
        try {
            starts++;
            Files.deleteIfExists(log());
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                    "-c", profile, "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                    "-Dderby.system.home=" + databaseHome()));
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            script = Command.start(log(), Map.of("JBOSS_JAVA_SIZING", "-Xms64m -Xmx768m"),
                    command.toArray(String[]::new));
            jvm = jvmOf(script);
            ProcessHandle started = jvm;
            killOnExit = new Thread(started::destroyForcibly, "kill WildFly at " + base());
            Runtime.getRuntime().addShutdownHook(killOnExit);
            if (!deployed) {
                awaitUntilAlive("WildFly's management to listen", () -> listens(ports.get("management-http")));
                for (Script each : scripts) {
                    cli("--resolve-parameter-values", "--properties=" + each.properties(), "--file=" + each.file());
                }
                // the CLI returns once the deployment is up or fails with the server's reason
                cli("--command=deploy " + System.getProperty("parley.war"));
                deployed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitUntilAlive("Parley to answer at " + base(), () -> {
            if (Files.exists(base.resolve("deployments/parley.war.failed"))) {
                throw new AssertionError("WildFly failed to deploy Parley; see " + log());
            }
            return PageAnswer.answers(base());
        });
        return base();
    }

    private void awaitUntilAlive(String what, Callable<Boolean> condition) {
        Awaitility.await(what + " (" + log() + ")").atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!script.isAlive()) {
                throw new AssertionError("WildFly exited with " + script.exitValue() + "; see " + log());
            }
            return condition.call();
        });
    }

    @Override
    public URL base() {
        try {
            return new URL("http://localhost:" + ports.get("http") + "/parley/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM to WildFly's JVM (standalone.sh only passes it on), which shuts the server down in order. */
    @Override
    public void stop() {
        end(ProcessHandle::destroy);
    }

    /** SIGKILL to WildFly's JVM. */
    @Override
    public void kill() {
        end(ProcessHandle::destroyForcibly);
    }

    private void end(Consumer<ProcessHandle> signal) {
        if (jvm == null) {
            return;
        }
        signal.accept(jvm);
        try {
            try {
                jvm.onExit().get(1, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                jvm.destroyForcibly();
                jvm.onExit().join();
            }
            if (!script.waitFor(1, TimeUnit.MINUTES)) {
                throw new AssertionError("standalone.sh outlived its JVM by a minute; see " + log());
            }
        } catch (InterruptedException e) {
            jvm.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        jvm = null;
    }

    @Override
    public Path databaseHome() {
        return base.resolve("data");
    }

    @Override
    public Path log() {
        return base.resolve("console-" + starts + ".log");
    }

    /**
     * For a test whose CLI script adds this module to the distribution (the modules live there, not in the base
     * directory): waits until no other test JVM holds this module, holds it until closed, and removes the module an
     * earlier run added, since {@code module add} refuses a module that exists. Two JVMs run the suite at once;
     * without this, one test's script found the module the other's had just added. The hold is the module's alone:
     * tests that add different drivers run side by side (one waiting for the other left its JVM idle for most of a
     * minute).
     */
    public static Closeable claimModule(String name) throws IOException {
        Path modules = Path.of(System.getProperty("jboss.home"), "modules");
        FileChannel channel = FileChannel.open(modules.resolve(".held-by-a-test-" + name), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            channel.lock();
            DirectoryTree.delete(modules.resolve(name.replace('.', '/')));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        // closing the channel releases its lock
        return channel;
    }

    @Override
    public String toString() {
        return "WildFly at " + base();
    }

    private void cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=localhost:" + ports.get("management-http")));
        command.addAll(List.of(arguments));
        Command.run(log(), CLI, command.toArray(String[]::new));
    }

    private static Map<String, Integer> socketBindings(Path configuration) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Matcher binding = BINDING.matcher(Files.readString(configuration));
        while (binding.find()) {
            ports.put(binding.group(1), Integer.parseInt(binding.group(2)));
        }
        if (!ports.containsKey("http") || !ports.containsKey("management-http")) {
            throw new IllegalStateException("no http or management-http socket binding in " + configuration + ": "
                    + ports);
        }
        return ports;
    }

    /**
     * The server's JVM, a child of standalone.sh. Known by its main module: the script first runs {@code java
     * -version} a few times to probe the JVM, and killing one of those would leave the server running.
     */
    private static ProcessHandle jvmOf(Process script) {
        try {
            return Awaitility.await("a JVM under standalone.sh (process " + script.pid() + ")")
                    .atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!script.isAlive()) {
                            throw new IllegalStateException("standalone.sh exited with " + script.exitValue());
                        }
                        return script.descendants().filter(child -> child.info().commandLine()
                                .map(line -> line.contains(" org.jboss.as.standalone")).orElse(false)).findFirst();
                    }, Optional::isPresent).orElseThrow();
        } catch (RuntimeException e) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            throw e;
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
