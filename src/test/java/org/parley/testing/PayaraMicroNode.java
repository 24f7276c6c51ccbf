package org.parley.testing;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Parley server of a chat of several: Payara Micro started from the command line as README "Several servers as
 * one chat" says, with the operator's post-boot commands, on a port of its own.
 */
public final class PayaraMicroNode implements AutoCloseable {

    private final Path log;
    private final URL base;
    private Process process;

    private PayaraMicroNode(Path log, URL base) {
        this.log = log;
        this.base = base;
    }

    /**
     * Starts Payara Micro with Parley and returns at once; {@link #awaitUp} waits for the page.
     *
     * @param postBoot the post-boot command file (the data source, and the broker's connection factory)
     * @param libraries jars for the server's class path (the database's JDBC driver)
     */
    public static PayaraMicroNode start(Path log, Path postBoot, List<Path> libraries, Map<String, String> settings)
            throws Exception {
        return start(FreePort.pick(), log, postBoot, libraries, settings);
    }

    /** Like {@link #start(Path, Path, List, Map)}, on this port. */
    public static PayaraMicroNode start(int port, Path log, Path postBoot, List<Path> libraries,
            Map<String, String> settings) throws Exception {
        // the embedded database the WAR also declares, unused here, of this server's own: not one another locks
        Path derbyHome = log.resolveSibling(log.getFileName() + ".derby");
        String[] command = Stream.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dderby.system.home=" + derbyHome, "-jar",
                System.getProperty("payara.microJar"), "--port", Integer.toString(port), "--nocluster",
                "--addlibs", libraries.stream().map(Path::toString)
                        .collect(Collectors.joining(System.getProperty("path.separator"))),
                "--postbootcommandfile", postBoot.toString(), "--deploy", System.getProperty("parley.war"))
                .toArray(String[]::new);
        PayaraMicroNode node = new PayaraMicroNode(log, new URL("http://localhost:" + port + "/parley/"));
        node.process = Command.start(log, settings, command);
        return node;
    }

    public URL base() {
        return base;
    }

    public PayaraMicroNode awaitUp() {
        if (!process.isAlive()) {
            throw new AssertionError("Payara Micro exited with " + process.exitValue() + "; see " + log);
        }
        PageAnswer.await(base, Duration.ofMinutes(3));
        return this;
    }

    /** As {@code kill -9}: no goodbye to anyone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** As Ctrl+C: Payara Micro shuts down on SIGTERM. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }
}
