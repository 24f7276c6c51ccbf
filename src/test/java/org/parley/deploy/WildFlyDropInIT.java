package org.parley.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.testing.Command;
import org.parley.testing.DropInRoundTrip;

/**
 * README "Deploy to WildFly", step by step on the distribution Maven unpacked from Central: copy the WAR into
 * standalone/deployments, start the server, chat. A base directory of its own and a port offset keep it apart
 * from the suite's WildFly.
 */
class WildFlyDropInIT {

    private static final int OFFSET = 3000;
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void warCopiedIntoDeploymentsChatsOnWildFly() throws Exception {
        Path home = Path.of(System.getProperty("jboss.home"));
        Path base = Path.of(System.getProperty("parley.war")).getParent().resolve("dropin-wildfly");
        // a fresh base each run: a parley.war.deployed marker left by the last one would say "ready" at once
        deleteTree(base);
        copyTree(home.resolve("standalone"), base);
        Path log = base.resolve("dropin.log");
        Path deployments = base.resolve("deployments");
        Files.copy(Path.of(System.getProperty("parley.war")), deployments.resolve("parley.war"),
                StandardCopyOption.REPLACE_EXISTING);

        Process server = Command.start(log, home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Dderby.system.home=" + base.resolve("data"));
        try {
            awaitMarker(deployments, server);
            DropInRoundTrip.run(new URL("http://localhost:" + (8080 + OFFSET) + "/parley/"));
        } finally {
            try {
                Command.run(log, Duration.ofMinutes(1), home.resolve("bin/jboss-cli.sh").toString(),
                        "--controller=localhost:" + (9990 + OFFSET), "--connect", "--command=:shutdown");
            } finally {
                // a server that never came up cannot be asked to stop, and must not outlive the test
                if (!server.waitFor(1, TimeUnit.MINUTES)) {
                    server.descendants().forEach(ProcessHandle::destroyForcibly);
                    server.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** WildFly's deployment scanner writes parley.war.deployed, or parley.war.failed, next to the WAR. */
    private static void awaitMarker(Path deployments, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.exists(deployments.resolve("parley.war.deployed"))) {
            assertTrue(!Files.exists(deployments.resolve("parley.war.failed")), "WildFly failed to deploy the WAR");
            assertTrue(server.isAlive(), "WildFly exited");
            assertTrue(System.nanoTime() < deadline, "WildFly did not deploy the WAR within " + START);
            server.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
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
