package org.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
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
import org.parley.testing.Frames;
import org.parley.testing.FreePort;
import org.parley.testing.PayaraMicroServer;
import org.parley.testing.PostgresDatabase;
import org.parley.testing.Scrape;
import org.parley.testing.SignIn;

/**
 * Two Parley servers as one chat, as README "Several servers as one chat" sets them up: Payara Micro twice, with the
 * post-boot commands of server-config/payara (the shared database's pool, and the broker's resource adapter), on one
 * Derby network server and one ActiveMQ Artemis broker. What a person on one server does reaches people on the
 * other; a server that dies is noticed within its lease; the broker going away costs a delay, never a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOnPayaraMicroIT {

    private static final Duration LEASE = Duration.ofSeconds(6);

    private final Path work = Path.of(System.getProperty("parley.war")).getParent().resolve("cluster-payara-micro");
    private ExternalDatabase database;
    private Broker broker;
    private PayaraMicroServer a;
    private PayaraMicroServer b;

    @BeforeAll
    void startTheChat() throws Exception {
        // a fresh database and fresh logs each run
        DirectoryTree.delete(work);
        Files.createDirectories(work);
        database = PostgresDatabase.start(work.resolve("shared-db"));
        broker = Broker.start();
        Path commands = ClusterCommands.forPayaraMicro(work, database, broker);
        Map<String, String> settings = Map.of(
                "parley.datasource", "jdbc/parley",
                "parley.cluster.connectionFactory", "jms/parleyConnectionFactory",
                "parley.cluster.lease", LEASE.toSeconds() + "s",
                "parley.signup.per.address", "1000");
        a = PayaraMicroServer.withCommands(work.resolve("a"), FreePort.pick(), commands, database.driverJars());
        b = PayaraMicroServer.withCommands(work.resolve("b"), FreePort.pickOtherThan(List.of(a.base().getPort())),
                commands, database.driverJars());
        // both boot at once
        CompletableFuture<URL> aUp = CompletableFuture.supplyAsync(() -> a.start(settings));
        b.start(settings);
        aUp.join();
    }

    @AfterAll
    void stopTheChat() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {a, b, broker, database}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    @Order(1)
    void aDirectMessageReachesSomeoneOnTheOtherServerItsReceiptComesBackAndSoDoesTheAnswer() {
        String ann = Crossing.newName("ann");
        String ben = Crossing.newName("ben");
        try (ChatClient annOnA = ChatClient.connect(a.base(), ann);
                ChatClient benOnB = ChatClient.connect(b.base(), ben)) {
            List<Long> across = Crossing.oneAtATime(annOnA, benOnB, ben, "hello from A ");
            List<Long> sameServer;
            String cy = Crossing.newName("cy");
            try (ChatClient cyOnA = ChatClient.connect(a.base(), cy)) {
                sameServer = Crossing.oneAtATime(annOnA, cyOnA, cy, "hello on A ");
            }
            System.out.printf("ClusterOnPayaraMicroIT: 20 direct messages one at a time, sent to received: from A to B"
                    + " %s; from A to A %s%n", Crossing.summary(across), Crossing.summary(sameServer));
            long last = annOnA.sendTo(ben, "tick").getJsonNumber("seq").longValue();
            benOnB.next(Frames.withBody("tick"));
            // ben's client confirms what it got: the receipt reaches ann on the other server
            annOnA.next(frame -> "receipt".equals(frame.getString("type"))
                    && "delivered".equals(frame.getString("status")) && frame.getJsonNumber("upTo").longValue() >= last);
            benOnB.sendTo(ann, "hello from B");
            assertEquals(ben, annOnA.next(Frames.withBody("hello from B")).getString("from"));
        }
    }

    /**
     * A server sends another a direct message's text only if one of its people is online there as it last heard;
     * otherwise its number and people. Someone who connects on B as A commits to them is not yet heard of on A: B
     * reads that message from the log when its turn comes, and it arrives live all the same.
     */
    @Test
    @Order(2)
    void whatIsSentToSomeoneTheMomentTheyConnectOnTheOtherServerArrivesLive() {
        String jo = Crossing.newName("jo");
        String readBack = "parley_cluster_headers_read_total";
        try (ChatClient joOnA = ChatClient.connect(a.base(), jo)) {
            double before = Scrape.of(b.base()).value(readBack);
            int tries = 0;
            // A hears where people are a moment after they come (each presence interval): most tries fall in it
            while (Scrape.of(b.base()).value(readBack) == before && tries < 20) {
                String kim = Crossing.newName("kim");
                try (ChatClient kimOnB = ChatClient.connect(b.base(), kim)) {
                    kimOnB.next("caught-up");
                    long seq = joOnA.sendTo(kim, "quick " + tries).getJsonNumber("seq").longValue();
                    assertEquals(seq, kimOnB.next(Frames.withBody("quick " + tries)).getJsonNumber("seq").longValue());
                }
                tries++;
            }
            assertTrue(Scrape.of(b.base()).value(readBack) > before,
                    "in " + tries + " tries, A never committed to someone on B before it heard they were there");
            System.out.printf("ClusterOnPayaraMicroIT: a message read back from the log on B after %d tries%n", tries);
        }
    }

    @Test
    @Order(2)
    void peopleOnOneServerSeeWhoComesAndGoesOnTheOther() {
        String cy = Crossing.newName("cy");
        String dee = Crossing.newName("dee");
        ChatClient cyOnA = ChatClient.connect(a.base(), cy);
        try (ChatClient deeOnB = ChatClient.connect(b.base(), dee)) {
            deeOnB.awaitPresence(cy, "online");
            cyOnA.awaitPresence(dee, "online");
            cyOnA.close();
            deeOnB.awaitPresence(cy, "offline");
        }
        // a newcomer's welcome lists whoever is online on either server
        String eve = Crossing.newName("eve");
        try (ChatClient eveOnA = ChatClient.connect(a.base(), eve);
                ChatClient fayOnB = ChatClient.connect(b.base(), Crossing.newName("fay"))) {
            fayOnB.awaitPresence(eve, "online");
            String gus = Crossing.newName("gus");
            SignIn.signUp(b.base(), gus);
            try (ChatClient late = ChatClient.open(b.base(), "ticket=" + SignIn.ticket(b.base(), gus))) {
                JsonObject welcome = late.next("welcome");
                List<String> online = welcome.getJsonArray("online").getValuesAs(JsonString::getString);
                assertTrue(online.contains(eve), "the welcome on B lists " + eve + " on A: " + online);
            }
        }
    }

    @Test
    @Order(3)
    void historyAndUnreadCountsAreTheSameOnBothServers() {
        String hal = Crossing.newName("hal");
        String ivy = Crossing.newName("ivy");
        try (ChatClient halOnA = ChatClient.connect(a.base(), hal);
                ChatClient ivyOnB = ChatClient.connect(b.base(), ivy).withoutConfirming()) {
            halOnA.sendTo(ivy, "one");
            halOnA.sendTo(ivy, "two");
            ivyOnB.next(Frames.withBody("two"));
        }
        String ticket = SignIn.ticket(a.base(), ivy);
        String onA = SignIn.getWith(a.base(), "conversations", ticket).body();
        String onB = SignIn.getWith(b.base(), "conversations", ticket).body();
        assertEquals(onA, onB);
        assertTrue(onA.contains("\"unread\":2"), onA);
    }

    @Test
    @Order(4)
    void signingOutOnOneServerClosesTheConnectionsOnTheOtherAndItsTicketsOpenNothingThere() {
        String jo = Crossing.newName("jo");
        try (ChatClient joOnB = ChatClient.connect(b.base(), jo)) {
            String onB = SignIn.ticket(b.base(), jo);
            String ticket = SignIn.ticket(a.base(), jo);
            assertEquals(204, SignIn.signOut(a.base(), ticket).statusCode());
            joOnB.awaitClosedWith(1008, "signed out");
            // B read jo's account before: what it knows of it must be what A changed, not what it kept
            // refused for the sign-out, not for its age: the suite's tickets expire after 6 s
            try (ChatClient again = ChatClient.open(b.base(), "ticket=" + onB)) {
                again.awaitClosedWith(1008, "signed out: sign in again");
            }
        }
    }

    /**
     * B found kit's account once and keeps its name; kit's removal on A reaches B on the topic, and from then on a
     * message to kit on B is refused as to nobody (B's sweep would forget every name within a third of the lease, in
     * case that word was lost).
     */
    @Test
    @Order(4)
    void anAccountRemovedOnOneServerIsNobodyOnTheOtherToo() {
        String kit = Crossing.newName("kit");
        SignIn.signUp(a.base(), kit);
        try (ChatClient luOnB = ChatClient.connect(b.base(), Crossing.newName("lu"))) {
            assertEquals("stored", luOnB.sendTo(kit, "known on B").getString("status"));
            HttpResponse<String> removed = SignIn.as(a.base(), "POST", "accounts/me/removal",
                    SignIn.ticket(a.base(), kit),
                    Json.createObjectBuilder().add("password", SignIn.password(kit)).build().toString());
            assertEquals(200, removed.statusCode(), removed.body());
            // asked every 400 ms for at most the lease: 15 messages at most, which the suite's mailbox of 20 holds
            JsonObject answer = Awaitility.await("a send to " + kit + " on B refused").atMost(LEASE)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(400))
                    .until(() -> luOnB.sendTo(kit, "after the removal"), sent -> "error".equals(sent.getString("type")));
            assertEquals("unknown-user", answer.getString("code", answer.toString()), answer.toString());
        }
    }

    /**
     * The ban and the banned person's messages are decided in the order they are numbered, whichever server each
     * came through: nothing of his is numbered after the ban, and nothing after it reaches him.
     */
    @Test
    @Order(4)
    void aBanOnOneServerSilencesTheBannedPersonSendingThroughTheOther() {
        String ann = Crossing.newName("ann");
        String ben = Crossing.newName("ben");
        String cy = Crossing.newName("cy");
        try (ChatClient annOnA = ChatClient.connect(a.base(), ann); ChatClient cyOnA = ChatClient.connect(a.base(), cy);
                ChatClient benOnB = ChatClient.connect(b.base(), ben)) {
            String room = annOnA.room("create", "name", "Across " + ann, "public", "true").getString("conversation");
            assertEquals("ack", cyOnA.room("join", "room", room).getString("type"));
            assertEquals("ack", benOnB.room("join", "room", room).getString("type"));
            // ben speaks one message after another, each once the last is answered; the ban goes in the middle
            CompletableFuture<List<JsonObject>> speaking = CompletableFuture.supplyAsync(() -> {
                List<JsonObject> answers = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    answers.add(benOnB.sendTo(room, "ben " + i));
                }
                return answers;
            });
            cyOnA.next(Frames.withBody("ben 3"));
            JsonObject ban = annOnA.room("ban", "room", room, "person", ben);
            List<JsonObject> answers = speaking.join();
            assertEquals("ack", ban.getString("type"), ban.toString());
            long banSeq = ban.getJsonNumber("seq").longValue();
            int stored = 0;
            for (JsonObject answer : answers) {
                if ("ack".equals(answer.getString("type"))) {
                    stored++;
                    assertTrue(answer.getJsonNumber("seq").longValue() < banSeq, "numbered after the ban: " + answer);
                } else {
                    assertEquals("banned", answer.getString("code"), answer.toString());
                }
            }
            assertTrue(stored >= 4 && stored < 30, stored + " stored: the ban was to fall among his messages");
            assertEquals(banSeq, benOnB.next(frame -> "banned".equals(frame.getString("event", null)))
                    .getJsonNumber("seq").longValue());
            annOnA.sendTo(room, "after the ban");
            cyOnA.next(Frames.withBody("after the ban"));
            assertEquals(null, benOnB.nextWithin(Frames.withBody("after the ban"), Duration.ofMillis(700)));
            System.out.printf("ClusterOnPayaraMicroIT: of 30 room messages sent through B while banned on A, %d were"
                    + " stored before the ban, the rest refused%n", stored);
        }
    }

    @Test
    @Order(5)
    void aBrokerRestartDelaysMessagesButLosesNone() throws Exception {
        String kim = Crossing.newName("kim");
        String lee = Crossing.newName("lee");
        try (ChatClient kimOnA = ChatClient.connect(a.base(), kim);
                ChatClient leeOnB = ChatClient.connect(b.base(), lee)) {
            broker.restart();
            List<Long> acked = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acked.add(kimOnA.sendTo(lee, "while the broker restarts " + i).getJsonNumber("seq").longValue());
            }
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                got.add(leeOnB.next(Frames.withBody("while the broker restarts " + i)).getJsonNumber("seq")
                        .longValue());
            }
            assertEquals(acked, got);
            assertEquals(List.of(), leeOnB.pending().stream().filter(f -> "message".equals(f.getString("type")))
                    .toList(), "nothing twice");
        }
    }

    @Test
    @Order(6)
    void whenAServerDiesNothingItAcknowledgedIsLostItsPeopleGoOfflineWithinTheLeaseAndTheirMessagesWait()
            throws Exception {
        String max = Crossing.newName("max");
        String ned = Crossing.newName("ned");
        ChatClient maxOnB = ChatClient.connect(b.base(), max);
        try (ChatClient nedOnA = ChatClient.connect(a.base(), ned)) {
            nedOnA.awaitPresence(max, "online");
            // max streams to ned, each message once the last is acknowledged, while his server is killed
            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread streamer = new Thread(() -> {
                for (int i = 0; streaming.get(); i++) {
                    String body = "streamed " + i;
                    String ref = "s" + i;
                    try {
                        maxOnB.send(Json.createObjectBuilder().add("type", "send").add("to", ned).add("body", body)
                                .add("ref", ref).build().toString());
                    } catch (RuntimeException gone) {
                        return;
                    }
                    JsonObject ack = maxOnB.nextWithin(frame -> ref.equals(frame.getString("ref", null)),
                            Duration.ofSeconds(3));
                    if (ack == null) {
                        return;
                    }
                    acknowledged.put(body, ack.getJsonNumber("seq").longValue());
                }
            });
            streamer.start();
            // killed mid-stream: as soon as 20 are acknowledged, so asked often
            Awaitility.await("20 acknowledged by B").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> acknowledged.size() >= 20);
            long killed = System.nanoTime();
            b.kill();
            streaming.set(false);
            streamer.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(acknowledged.size() >= 20, "acknowledged before the kill: " + acknowledged.size());
            // every message acknowledged reaches ned once, with the number it was acknowledged with: those the
            // killed server had not yet told the others of are read from the log
            for (Map.Entry<String, Long> sent : acknowledged.entrySet()) {
                assertEquals(sent.getValue(), nedOnA.next(Frames.withBody(sent.getKey())).getJsonNumber("seq")
                        .longValue());
            }
            nedOnA.awaitPresence(max, "offline");
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf("ClusterOnPayaraMicroIT: %d messages acknowledged by the killed server before it died,"
                    + " all received on the other, once; %s shown offline there %.1f s after the kill (lease %s)%n",
                    acknowledged.size(), max, seconds, LEASE);
            assertTrue(seconds < LEASE.toSeconds() + 10, "offline after " + seconds + " s");
            assertEquals(List.of(), nedOnA.pending().stream().filter(frame -> acknowledged.containsKey(
                    frame.getString("body", ""))).toList(), "nothing twice");

            List<Long> kept = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                kept.add(nedOnA.sendTo(max, "while you were away " + i).getJsonNumber("seq").longValue());
            }
            try (ChatClient maxOnA = ChatClient.connect(a.base(), max)) {
                List<Long> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    got.add(maxOnA.next(Frames.withBody("while you were away " + i)).getJsonNumber("seq")
                            .longValue());
                }
                assertEquals(kept, got);
            }
        } finally {
            maxOnB.close();
        }
    }
}
