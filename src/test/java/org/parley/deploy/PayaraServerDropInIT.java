package org.parley.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.cluster.ClusterCommands;
import org.parley.testing.Broker;
import org.parley.testing.ChatClient;
import org.parley.testing.Command;
import org.parley.testing.DerbyNetworkDatabase;
import org.parley.testing.DirectoryTree;
import org.parley.testing.DropInRoundTrip;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.Frames;
import org.parley.testing.FreePort;
import org.parley.testing.PageAnswer;
import org.parley.testing.PayaraMicroServer;

/**
 * README "Deploy to Payara Server", step by step on the distribution Maven unpacked from Central: start a domain,
 * {@code asadmin deploy} the WAR, chat; and with server-config/payara, the same on an operator's database. The
 * domain is one of the test's own, on a port base of its own, so it keeps out of the way of anything on the default
 * ports. (Payara Micro on the operator's database: {@link PayaraMicroDropInIT}.)
 */
class PayaraServerDropInIT {

    private final Path home = Path.of(System.getProperty("payara.home"));
    private final String asadmin = home.resolve("bin/asadmin").toString();
    private final String war = System.getProperty("parley.war");
    private final Path log = Path.of(war).getParent().resolve("dropin-payara.log");

    /**
     * One domain for both halves of the README, in the order an operator meets them: the WAR chats on its embedded
     * database as deployed; then server-config/payara points it at the operator's database, the WAR is deployed
     * again, and a message for someone away is kept there and delivered when they come.
     */
    @Test
    void warDeployedWithAsadminChatsThenKeepsMessagesInTheOperatorsDatabase() throws Exception {
        int portBase = 14000;
        String domain = "parley-check";
        URL parley = parley(portBase);
        Path databaseHome = Path.of(war).getParent().resolve("dropin-payara-db");
        try (ExternalDatabase database = DerbyNetworkDatabase.start(databaseHome)) {
            startDomain(domain, portBase);
            try {
                Command.run(log, Duration.ofMinutes(3), asadmin, "--port", adminPort(portBase), "deploy", war);
                DropInRoundTrip.run(parley);

                Command.run(log, Duration.ofMinutes(5), Map.of(
                        "ASADMIN", asadmin,
                        "DOMAIN", domain,
                        "ASADMIN_OPTIONS", "--port " + adminPort(portBase),
                        "PARLEY_DRIVER_JARS", database.driverJars().stream().map(Path::toString)
                                .collect(Collectors.joining(" ")),
                        "PARLEY_DATASOURCE_CLASS", database.dataSourceClass(),
                        "PARLEY_POOL_PROPERTIES", database.poolProperties()),
                        ExternalDatabase.serverConfig("payara/parley-datasource.sh").toString());
                // the script restarted the domain, and asadmin returns before the domain has loaded its
                // applications again: a deployment meanwhile races that load, and either may fail (seen: 404, or
                // a WebSocket endpoint left without its injected beans)
                PageAnswer.await(parley, Duration.ofMinutes(3),
                        home.resolve("glassfish/domains/" + domain + "/logs/server.log"));
                Command.run(log, Duration.ofMinutes(3), asadmin, "--port", adminPort(portBase), "deploy", "--force",
                        "true", war);
                DropInRoundTrip.Kept kept = DropInRoundTrip.leaveWhileAway(parley);
                database.assertOneWaitingFor(kept.to());
                // that it outlives a restart is the Payara Micro test's below and WildFly's to show: the domain
                // restarted once already, in the script
                DropInRoundTrip.collect(parley, kept);
                database.awaitNoneWaitingFor(kept.to(), Duration.ofSeconds(10));

                joinAChatWithPayaraMicro(parley, database, portBase);

                // the operator's database goes away: the server is no longer ready for people, and says why
                database.close();
                PageAnswer.awaitNotReady(parley, Duration.ofSeconds(30));
            } finally {
                removeDomain(domain);
            }
        }
    }

    /**
     * README "Several servers as one chat": server-config/payara/parley-cluster.sh connects the domain to a broker,
     * and a Payara Micro server on the same database and broker chats with it as one.
     */
    private void joinAChatWithPayaraMicro(URL parley, ExternalDatabase database, int portBase) throws Exception {
        Path work = Path.of(war).getParent().resolve("dropin-payara-cluster");
        DirectoryTree.delete(work);
        Files.createDirectories(work);
        try (Broker broker = Broker.start()) {
            Command.run(log, Duration.ofMinutes(3), Map.of(
                    "ASADMIN", asadmin,
                    "ASADMIN_OPTIONS", "--port " + adminPort(portBase),
                    "PARLEY_RAR", System.getProperty("parley.artemis.rar"),
                    "PARLEY_BROKER", "host\\=localhost;port\\=" + broker.port()),
                    ExternalDatabase.serverConfig("payara/parley-cluster.sh").toString());
            // the setting is read as Parley starts
            Command.run(log, Duration.ofMinutes(3), asadmin, "--port", adminPort(portBase), "deploy", "--force",
                    "true", war);
            PageAnswer.await(parley, Duration.ofMinutes(1),
                    home.resolve("glassfish/domains/parley-check/logs/server.log"));
            try (PayaraMicroServer micro = PayaraMicroServer.withCommands(work.resolve("micro"), FreePort.pick(),
                    ClusterCommands.forPayaraMicro(work, database, broker), database.driverJars())) {
                micro.start(Map.of("parley.datasource", "jdbc/parley",
                        "parley.cluster.connectionFactory", "jms/parleyConnectionFactory"));
                String ann = "ann" + System.nanoTime() % 100_000;
                String ben = "ben" + System.nanoTime() % 100_000;
                try (ChatClient annOnServer = ChatClient.connect(parley, ann);
                        ChatClient benOnMicro = ChatClient.connect(micro.base(), ben)) {
                    benOnMicro.awaitPresence(ann, "online");
                    long seq = annOnServer.sendTo(ben, "from Payara Server").getJsonNumber("seq").longValue();
                    assertEquals(seq, benOnMicro.next(Frames.withBody("from Payara Server")).getJsonNumber("seq")
                            .longValue());
                    benOnMicro.sendTo(ann, "from Payara Micro");
                    annOnServer.next(Frames.withBody("from Payara Micro"));
                }
            }
        }
    }

    private void startDomain(String domain, int portBase) throws Exception {
        Command.run(log, Duration.ofMinutes(2), asadmin, "create-domain", "--nopassword", "--portbase",
                Integer.toString(portBase), domain);
        Command.run(log, Duration.ofMinutes(3), asadmin, "start-domain", domain);
    }

    private void removeDomain(String domain) throws Exception {
        Command.run(log, Duration.ofMinutes(2), asadmin, "stop-domain", domain);
        // the domain's own log goes with it: keep a copy beside the test's for when it failed
        Path serverLog = home.resolve("glassfish/domains/" + domain + "/logs/server.log");
        if (Files.exists(serverLog)) {
            Files.copy(serverLog, log.resolveSibling("dropin-payara-" + domain + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Command.run(log, Duration.ofMinutes(1), asadmin, "delete-domain", domain);
    }

    private static String adminPort(int portBase) {
        return Integer.toString(portBase + 48);
    }

    private static URL parley(int portBase) throws Exception {
        return new URL("http://localhost:" + (portBase + 80) + "/parley/");
    }
}
