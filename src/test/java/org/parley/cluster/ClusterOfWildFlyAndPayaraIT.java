package org.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.parley.testing.Broker;
import org.parley.testing.ChatClient;
import org.parley.testing.DirectoryTree;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.FreePort;
import org.parley.testing.Frames;
import org.parley.testing.PayaraMicroServer;
import org.parley.testing.PostgresDatabase;
import org.parley.testing.SignIn;
import org.parley.testing.WildFlyServer;

/**
 * One chat of two kinds of server: WildFly set up with server-config/wildfly (parley-datasource.cli, and
 * parley-cluster.cli on the full profile), and Payara Micro with server-config/payara's post-boot commands, on one
 * Derby network server and one ActiveMQ Artemis broker. Proves the WildFly scripts, and that both kinds of server meet
 * on the same topic: messages, presence and sign-outs cross both ways, and a WildFly killed outright is noticed on
 * Payara Micro within the lease.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOfWildFlyAndPayaraIT {

    private static final Duration LEASE = Duration.ofSeconds(6);

    private final Path work = Path.of(System.getProperty("parley.war")).getParent().resolve("cluster-wildfly-payara");
    private ExternalDatabase database;
    private Broker broker;
    private WildFlyServer wildFly;
    private PayaraMicroServer payara;
    private Closeable modules;

    @BeforeAll
    void startTheChat() throws Exception {
        // a fresh database and fresh logs each run
        DirectoryTree.delete(work);
        Files.createDirectories(work);
        database = PostgresDatabase.start(work.resolve("shared-db"));
        broker = Broker.start();
        String lease = LEASE.toSeconds() + "s";

        // the data source script installs the JDBC driver into the distribution, where an earlier run may have left it
        modules = WildFlyServer.claimModule(database.wildFlyDriver().module());
        wildFly = WildFlyServer.withScripts(work.resolve("wildfly"), List.of(
                new WildFlyServer.Script(ExternalDatabase.serverConfig("wildfly/parley-datasource.cli"),
                        ClusterCommands.wildFlyDataSource(work, database)),
                new WildFlyServer.Script(ExternalDatabase.serverConfig("wildfly/parley-cluster.cli"),
                        ClusterCommands.wildFlyCluster(work, broker))));
        // WildFly's ports are taken only as it boots
        payara = PayaraMicroServer.withCommands(work.resolve("payara"),
                FreePort.pickOtherThan(wildFly.ports().values()),
                ClusterCommands.forPayaraMicro(work, database, broker), database.driverJars());

        long started = System.nanoTime();
        // both servers boot at once (each takes most of the start-up)
        CompletableFuture<Double> wildFlyUp = CompletableFuture.supplyAsync(() -> {
            wildFly.start(Map.of("parley.cluster.lease", lease));
            return (System.nanoTime() - started) / 1e9;
        });
        payara.start(Map.of(
                "parley.datasource", "jdbc/parley",
                "parley.cluster.connectionFactory", "jms/parleyConnectionFactory",
                "parley.cluster.lease", lease));
        double wildFlySeconds = wildFlyUp.join();
        System.out.printf("ClusterOfWildFlyAndPayaraIT: both servers serving Parley %.1f s after they were started side"
                + " by side (WildFly booted, set up by both scripts and deployed in %.1f s)%n",
                (System.nanoTime() - started) / 1e9, wildFlySeconds);
    }

    @AfterAll
    void stopTheChat() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {wildFly, payara, broker, database, modules}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    @Order(1)
    void aDirectMessageFromWildFlyReachesPayaraMicroAndTheAnswerComesBack() {
        String ann = Crossing.newName("ann");
        String ben = Crossing.newName("ben");
        try (ChatClient annOnWildFly = ChatClient.connect(wildFly.base(), ann);
                ChatClient benOnPayara = ChatClient.connect(payara.base(), ben)) {
            List<Long> millis = Crossing.oneAtATime(annOnWildFly, benOnPayara, ben, "hello from WildFly ");
            JsonObject ack = benOnPayara.sendTo(ann, "hello from Payara Micro");
            JsonObject got = annOnWildFly.next(Frames.withBody("hello from Payara Micro"));
            assertEquals(ben, got.getString("from"));
            assertEquals(ack.getJsonNumber("seq").longValue(), got.getJsonNumber("seq").longValue());
            System.out.printf("ClusterOfWildFlyAndPayaraIT: 20 direct messages from WildFly to Payara Micro, one at a"
                    + " time, sent to received: %s%n", Crossing.summary(millis));
        }
    }

    @Test
    @Order(2)
    void peopleOnEachServerSeeWhoComesAndGoesOnTheOther() {
        // each one watched is connected after their watcher: someone already online when a connection opens is in
        // its welcome, and no presence frame follows
        String cy = Crossing.newName("cy");
        String dee = Crossing.newName("dee");
        String eve = Crossing.newName("eve");
        try (ChatClient eveOnPayara = ChatClient.connect(payara.base(), eve)) {
            ChatClient cyOnWildFly = ChatClient.connect(wildFly.base(), cy);
            eveOnPayara.awaitPresence(cy, "online");
            ChatClient deeOnPayara = ChatClient.connect(payara.base(), dee);
            cyOnWildFly.awaitPresence(dee, "online");
            deeOnPayara.close();
            cyOnWildFly.awaitPresence(dee, "offline");
            cyOnWildFly.close();
            eveOnPayara.awaitPresence(cy, "offline");

            // a newcomer's welcome on WildFly lists whoever is online on Payara Micro
            String fay = Crossing.newName("fay");
            SignIn.signUp(wildFly.base(), fay);
            try (ChatClient late = ChatClient.open(wildFly.base(), "ticket=" + SignIn.ticket(wildFly.base(), fay))) {
                List<String> online = late.next("welcome").getJsonArray("online").getValuesAs(JsonString::getString);
                assertTrue(online.contains(eve), "the welcome on WildFly lists " + eve + " on Payara Micro: " + online);
            }
        }
    }

    @Test
    @Order(3)
    void signingOutOnOneServerClosesTheConnectionsOnTheOther() {
        // a sign-out reaches the other server on the topic alone (messages and presence are in the database too):
        // this is what proves that WildFly and Payara Micro hear each other, both ways
        String jo = Crossing.newName("jo");
        try (ChatClient joOnWildFly = ChatClient.connect(wildFly.base(), jo)) {
            assertEquals(204, SignIn.signOut(payara.base(), SignIn.ticket(payara.base(), jo)).statusCode());
            joOnWildFly.awaitClosedWith(1008, "signed out");
        }
        String kay = Crossing.newName("kay");
        try (ChatClient kayOnPayara = ChatClient.connect(payara.base(), kay)) {
            assertEquals(204, SignIn.signOut(wildFly.base(), SignIn.ticket(wildFly.base(), kay)).statusCode());
            kayOnPayara.awaitClosedWith(1008, "signed out");
        }
    }

    @Test
    @Order(4)
    void whenWildFlyIsKilledItsPeopleGoOfflineWithinTheLeaseAndTheirMessagesWait() throws Exception {
        String max = Crossing.newName("max");
        String ned = Crossing.newName("ned");
        try (ChatClient nedOnPayara = ChatClient.connect(payara.base(), ned)) {
            // ned first, so that max's coming is a presence frame, not a name in ned's welcome
            ChatClient maxOnWildFly = ChatClient.connect(wildFly.base(), max);
            nedOnPayara.awaitPresence(max, "online");
            long acked = maxOnWildFly.sendTo(ned, "before the end").getJsonNumber("seq").longValue();
            assertEquals(acked, nedOnPayara.next(Frames.withBody("before the end")).getJsonNumber("seq").longValue());

            long killed = System.nanoTime();
            wildFly.kill();
            nedOnPayara.awaitPresence(max, "offline");
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf("ClusterOfWildFlyAndPayaraIT: %s, on the killed WildFly, shown offline on Payara Micro"
                    + " %.1f s after the kill (lease %s)%n", max, seconds, LEASE);
            // at most a lease after WildFly last renewed it, then Payara Micro's next sweep (a third of a lease
            // later at most) finds it run out; a second more for the presence frame and a loaded machine
            assertTrue(seconds < LEASE.toSeconds() * 4 / 3.0 + 1, "offline after " + seconds + " s");

            List<Long> kept = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                kept.add(nedOnPayara.sendTo(max, "while you were away " + i).getJsonNumber("seq").longValue());
            }
            try (ChatClient maxOnPayara = ChatClient.connect(payara.base(), max)) {
                List<Long> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    got.add(maxOnPayara.next(Frames.withBody("while you were away " + i)).getJsonNumber("seq")
                            .longValue());
                }
                assertEquals(kept, got);
            }
            maxOnWildFly.close();
        }
    }
}
