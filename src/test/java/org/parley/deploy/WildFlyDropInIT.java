package org.parley.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.parley.cluster.ClusterCommands;
import org.parley.testing.Command;
import org.parley.testing.DerbyNetworkDatabase;
import org.parley.testing.DirectoryTree;
import org.parley.testing.DropInRoundTrip;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.LogTail;
import org.parley.testing.PageAnswer;
import org.parley.testing.WildFlyServer;

/**
 * README "Deploy to WildFly", step by step on the distribution Maven unpacked from Central: copy the WAR into
 * standalone/deployments, start the server, chat; and with server-config/wildfly, the same on an operator's
 * database. A base directory of its own and a port offset keep each server apart from the suite's WildFly.
 */
class WildFlyDropInIT {

    private static final int OFFSET = 3000;
    private static final Duration START = Duration.ofMinutes(3);

    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path war = Path.of(System.getProperty("parley.war"));
    private final URL parley = url("http://localhost:" + (8080 + OFFSET) + "/parley/");

    /**
     * One server for both halves of the README, in the order an operator meets them: the WAR copied into
     * deployments chats on its embedded database; then server-config/wildfly points it at the operator's database,
     * the WAR is copied in again, and a message kept there for someone away outlives a restart.
     */
    @Test
    void warCopiedIntoDeploymentsChatsThenKeepsMessagesInTheOperatorsDatabaseAcrossARestart() throws Exception {
        Path base = freshBase("dropin-wildfly");
        Path deployments = base.resolve("deployments");
        // the script installs the driver module into the distribution, where an earlier run may have left it
        try (ExternalDatabase database = DerbyNetworkDatabase.start(base.resolve("external-db"));
                Closeable modules = WildFlyServer.claimModule(database.wildFlyDriver().module())) {
            Files.copy(war, deployments.resolve("parley.war"), StandardCopyOption.REPLACE_EXISTING);
            Process server = start(base);
            DropInRoundTrip.Kept kept;
            try {
                awaitMarker(deployments, server, "deployed", base.resolve("dropin.log"));
                DropInRoundTrip.run(parley);

                // as an operator would: take the WAR out, run the script, put the WAR back
                Files.delete(deployments.resolve("parley.war"));
                awaitMarker(deployments, server, "undeployed", base.resolve("dropin.log"));
                Command.run(base.resolve("dropin.log"), Duration.ofMinutes(2), cli(), "--connect",
                        "--controller=localhost:" + (9990 + OFFSET), "--resolve-parameter-values",
                        "--properties=" + ClusterCommands.wildFlyDataSource(base, database),
                        "--file=" + ExternalDatabase.serverConfig("wildfly/parley-datasource.cli"));
                Files.copy(war, deployments.resolve("parley.war"), StandardCopyOption.REPLACE_EXISTING);
                awaitMarker(deployments, server, "deployed", base.resolve("dropin.log"));
                kept = DropInRoundTrip.leaveWhileAway(parley);
                database.assertOneWaitingFor(kept.to());
            } finally {
                stop(base, server);
            }

            server = start(base);
            try {
                // the marker of the first start is still there: the page answering is what says "ready"
                PageAnswer.await(parley, START, base.resolve("dropin.log"));
                DropInRoundTrip.collect(parley, kept);
                database.awaitNoneWaitingFor(kept.to(), Duration.ofSeconds(10));

                // the operator's database goes away: the server is no longer ready for people, and says why
                database.close();
                PageAnswer.awaitNotReady(parley, Duration.ofSeconds(30));
            } finally {
                stop(base, server);
            }
        }
    }

    /** A copy of the distribution's standalone directory; fresh, as a marker left by the last run would say "ready". */
    private Path freshBase(String name) throws IOException {
        Path base = war.getParent().resolve(name);
        DirectoryTree.copyFresh(home.resolve("standalone"), base);
        return base;
    }

    private Process start(Path base) throws IOException {
        return Command.start(base.resolve("dropin.log"), home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Dderby.system.home=" + base.resolve("data"));
    }

    private void stop(Path base, Process server) throws IOException, InterruptedException {
        try {
            Command.run(base.resolve("dropin.log"), Duration.ofMinutes(1), cli(),
                    "--controller=localhost:" + (9990 + OFFSET), "--connect", "--command=:shutdown");
        } finally {
            // a server that never came up cannot be asked to stop, and must not outlive the test
            if (!server.waitFor(1, TimeUnit.MINUTES)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly().waitFor();
            }
        }
    }

    private String cli() {
        return home.resolve("bin/jboss-cli.sh").toString();
    }

    /**
     * WildFly's deployment scanner writes parley.war.deployed (or parley.war.failed) next to the WAR, and
     * parley.war.undeployed once it is taken out; each replaces the marker before it.
     */
    private static void awaitMarker(Path deployments, Process server, String marker, Path serverLog) {
        try {
            Awaitility.await("WildFly to mark the WAR " + marker).atMost(START).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        assertFalse(Files.exists(deployments.resolve("parley.war.failed")),
                                "WildFly failed to deploy the WAR");
                        assertTrue(server.isAlive(), "WildFly exited");
                        return Files.exists(deployments.resolve("parley.war." + marker));
                    });
        } catch (AssertionError | ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + LogTail.of(serverLog), e);
        }
    }

    private static URL url(String address) {
        try {
            return new URL(address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
