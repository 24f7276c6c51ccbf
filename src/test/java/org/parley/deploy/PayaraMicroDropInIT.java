package org.parley.deploy;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.cluster.ClusterCommands;
import org.parley.testing.Command;
import org.parley.testing.DropInRoundTrip;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.FreePort;
import org.parley.testing.PageAnswer;
import org.parley.testing.PostgresDatabase;

/**
 * README "Use your own database" with Payara Micro: the post-boot command file of server-config/payara defines the
 * data source, {@code PARLEY_DATASOURCE} names it, and a message for someone away is kept in the operator's
 * database across a restart. A class of its own beside {@link PayaraServerDropInIT}, so that the suite's two test
 * JVMs can run the two at once.
 */
class PayaraMicroDropInIT {

    private final String war = System.getProperty("parley.war");

    @Test
    void payaraMicroWithThePostBootCommandsKeepsMessagesInTheOperatorsDatabase() throws Exception {
        Path work = Path.of(war).getParent().resolve("dropin-payara-micro");
        Files.createDirectories(work);
        try (ExternalDatabase database = PostgresDatabase.start(work.resolve("external-db"))) {
            Path commands = work.resolve("parley-datasource.micro.asadmin");
            Files.writeString(commands, ClusterCommands.payaraMicroDataSource(database));
            int port = FreePort.pick();
            URL parley = new URL("http://localhost:" + port + "/parley/");
            String[] micro = {Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    System.getProperty("payara.microJar"), "--port", Integer.toString(port), "--nocluster",
                    "--addlibs", database.driverJars().stream().map(Path::toString)
                            .collect(Collectors.joining(System.getProperty("path.separator"))),
                    "--postbootcommandfile", commands.toString(), "--deploy", war};
            Map<String, String> settings = Map.of("PARLEY_DATASOURCE", "jdbc/parley");

            DropInRoundTrip.Kept kept;
            Process server = Command.start(work.resolve("micro.log"), settings, micro);
            try {
                PageAnswer.await(parley, Duration.ofMinutes(3), work.resolve("micro.log"));
                kept = DropInRoundTrip.leaveWhileAway(parley);
                database.assertOneWaitingFor(kept.to());
            } finally {
                stop(server);
            }
            server = Command.start(work.resolve("micro.log"), settings, micro);
            try {
                PageAnswer.await(parley, Duration.ofMinutes(3), work.resolve("micro.log"));
                DropInRoundTrip.collect(parley, kept);
                database.awaitNoneWaitingFor(kept.to(), Duration.ofSeconds(10));

                // the operator's database goes away: the server is no longer ready for people, and says why
                database.close();
                PageAnswer.awaitNotReady(parley, Duration.ofSeconds(30));
            } finally {
                stop(server);
            }
        }
    }

    /** As Ctrl+C would: Payara Micro shuts down on SIGTERM. */
    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(1, TimeUnit.MINUTES)) {
            server.destroyForcibly().waitFor();
        }
    }
}
