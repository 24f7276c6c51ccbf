package org.parley.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Parley server of a chat of several, on WildFly: the full profile, whose messaging subsystem holds the Artemis
 * client, started from the distribution Maven unpacked on a fresh copy of its standalone directory and a port offset
 * of its own, then set up with the operator's CLI scripts of server-config/wildfly and given Parley, as an operator
 * does by hand.
 */
public final class WildFlyNode implements AutoCloseable {

    private static final String PROFILE = "standalone-full.xml";
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration CLI = Duration.ofMinutes(2);
    // a socket binding's name and default port, whether fixed (iiop) or behind a property (http)
    private static final Pattern BINDING = Pattern.compile(
            "<socket-binding name=\"([^\"]+)\"[^>]*?\\bport=\"(?:\\$\\{[^:}]+:)?(\\d+)}?\"");

    private final Path home;
    private final Path log;
    private final Map<String, Integer> ports;
    private final Process process;
    private final ProcessHandle jvm;

    private WildFlyNode(Path home, Path log, Map<String, Integer> ports, Process process, ProcessHandle jvm) {
        this.home = home;
        this.log = log;
        this.ports = ports;
        this.process = process;
        this.jvm = jvm;
    }

    /**
     * Starts WildFly on a fresh copy of the distribution's standalone directory at {@code base} and returns once its
     * JVM runs; {@link #awaitManagement} waits for it to take commands.
     *
     * @param settings environment variables for the server (Parley's settings)
     */
    public static WildFlyNode start(Path base, Map<String, String> settings) throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        DirectoryTree.copyFresh(home.resolve("standalone"), base);
        Map<String, Integer> defaults = socketBindings(base.resolve("configuration").resolve(PROFILE));
        // the full profile's sockets span 3528 (IIOP, fixed in the profile) to 9993 (management over HTTPS): one
        // offset has to move them all to free ports, not only HTTP and management
        int offset = FreePort.offsetFor(defaults.values());
        Map<String, Integer> ports = new LinkedHashMap<>();
        defaults.forEach((name, port) -> ports.put(name, port + offset));
        Path log = base.resolve("console.log");
        Process process = Command.start(log, settings, home.resolve("bin/standalone.sh").toString(),
                "-c", PROFILE, "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                // the embedded database the WAR also declares, unused here, in this server's own directory
                "-Dderby.system.home=" + base.resolve("data"));
        try {
            return new WildFlyNode(home, log, ports, process, jvmOf(process));
        } catch (RuntimeException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    /** The ports this server binds, by socket binding: some may not be bound yet. */
    public Map<String, Integer> ports() {
        return ports;
    }

    public URL base() {
        try {
            return new URL("http://localhost:" + ports.get("http") + "/parley/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the management interface listens: WildFly opens it last as it boots. */
    public WildFlyNode awaitManagement() {
        long deadline = System.nanoTime() + START.toNanos();
        while (!listens(ports.get("management-http"))) {
            if (!process.isAlive()) {
                throw new AssertionError("WildFly exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("WildFly's management did not listen within " + START + "; see " + log);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return this;
    }

    /** Runs an operator's CLI script on the running server, as its header says, with this properties file. */
    public WildFlyNode runScript(Path script, Path properties) throws IOException, InterruptedException {
        Command.run(log, CLI, cli(), "--connect", "--controller=localhost:" + ports.get("management-http"),
                "--resolve-parameter-values", "--properties=" + properties, "--file=" + script);
        return this;
    }

    /**
     * Deploys the WAR through the CLI, which returns once the deployment is up or fails with the server's reason (the
     * deployment scanner would only leave a marker file).
     */
    public WildFlyNode deploy(Path war) throws IOException, InterruptedException {
        Command.run(log, CLI, cli(), "--connect", "--controller=localhost:" + ports.get("management-http"),
                "--command=deploy " + war);
        return this;
    }

    public WildFlyNode awaitUp() {
        if (!process.isAlive()) {
            throw new AssertionError("WildFly exited with " + process.exitValue() + "; see " + log);
        }
        PageAnswer.await(base(), START);
        return this;
    }

    /**
     * Removes a module an earlier run's CLI script added to the distribution: the modules live there, not in the base
     * directory, and {@code module add} refuses a module that exists.
     */
    public static void removeModule(String name) throws IOException {
        DirectoryTree.delete(Path.of(System.getProperty("jboss.home"), "modules").resolve(name.replace('.', '/')));
    }

    /** As {@code kill -9} of WildFly's JVM (standalone.sh is only its parent): no goodbye to anyone. */
    public void kill() throws InterruptedException {
        jvm.destroyForcibly();
        jvm.onExit().join();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new AssertionError("standalone.sh outlived its JVM by a minute; see " + log);
        }
    }

    /** As an operator stops it: the CLI's {@code :shutdown}; a server that does not stop in a minute is killed. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (jvm.isAlive()) {
                Command.run(log, CLI, cli(), "--connect", "--controller=localhost:" + ports.get("management-http"),
                        "--command=:shutdown");
            }
        } finally {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                jvm.destroyForcibly();
                process.destroyForcibly().waitFor();
            }
        }
    }

    private String cli() {
        return home.resolve("bin/jboss-cli.sh").toString();
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
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            var java = script.descendants()
                    .filter(child -> child.info().commandLine().map(line -> line.contains(" org.jboss.as.standalone"))
                            .orElse(false))
                    .findFirst();
            if (java.isPresent()) {
                return java.get();
            }
            if (!script.isAlive()) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("no JVM under standalone.sh (process " + script.pid() + ")");
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
