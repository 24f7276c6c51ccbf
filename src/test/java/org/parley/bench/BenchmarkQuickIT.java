package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.parley.testing.FreePort;
import org.parley.testing.Scrape;
import org.parley.testing.DeployedParley;

/**
 * The benchmark's scenarios, small and short, against the suite's Parley and an in-process baseline: proves the
 * load generator still counts right (nothing lost, nothing twice, the backlog in order). It asserts no timing.
 * Sizes fit the suite's limits: 100 messages a second and bursts of 50 per user, a mailbox of 20. The server's
 * memory is not read here: it shares nothing with the suite's figures.
 */
class BenchmarkQuickIT extends DeployedParley {

    private static final String TOO_SLOW = "parley_connections_closed_total{code=\"1013\"}";
    private static final String NO_PONG = "parley_connections_closed_total{code=\"4000\"}";

    @Test
    void directMessagesArriveOnceEachOnParleyAndOnTheBaseline() throws Exception {
        for (Target target : new Target[] {Target.parley(base), baseline()}) {
            LoadGenerator.DirectResult result;
            try (LoadGenerator generator = new LoadGenerator(target)) {
                result = generator.direct(10, 100, 0, 2);
            }
            assertEquals(200, result.sent(), target.label());
            assertEquals(0, result.lost(), target.label() + ": " + result);
            assertEquals(0, result.duplicated(), target.label());
            assertEquals(0, result.refused(), target.label());
            assertEquals(200, result.latency().getTotalCount(), target.label());
        }
    }

    @Test
    void broadcastsReachEveryoneOnceOnParleyAndOnTheBaseline() throws Exception {
        for (Target target : new Target[] {Target.parley(base), baseline()}) {
            LoadGenerator.BroadcastResult result;
            try (LoadGenerator generator = new LoadGenerator(target)) {
                result = generator.broadcast(10, 5, 50);
            }
            assertEquals(0, result.lost(), target.label() + ": " + result);
            assertEquals(0, result.duplicated(), target.label());
            assertEquals(5, result.timeToLastDelivery().getTotalCount(), target.label());
        }
    }

    @Test
    void aRoomsMessagesReachEveryMemberOnlineOnceAndEveryMemberJoined() {
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            LoadGenerator.RoomResult result = generator.room(30, 10, new int[] {20}, 1, 2).get(0);
            assertEquals(40, result.messages(), result.toString());
            assertEquals(0, result.lost(), result.toString());
            assertEquals(0, result.duplicated(), result.toString());
            assertEquals(0, result.refused(), result.toString());
            assertEquals(40, result.timeToLastDelivery().getTotalCount(), result.toString());
            assertEquals(29, result.joinMillis().getTotalCount(), "everyone but its maker joined");
        }
    }

    @Test
    void aPersonsRoomListHoldsEveryRoomWithItsUnreadMessageAndPreview() {
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            // 25 rooms: three makers, the last with five, as 500 are made by fifty
            LoadGenerator.RoomListResult result = generator.roomList(25, 5);
            assertEquals(25, result.listed(), result.toString());
            assertEquals(25, result.unread(), result.toString());
            assertEquals(5, result.micros().getTotalCount(), "only the timed asks are counted");
        }
    }

    @Test
    void aBacklogIsDrainedCompleteAndInOrder() {
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            LoadGenerator.BacklogResult result = generator.backlog(15);
            assertEquals(0, result.lost(), result.toString());
            assertTrue(result.inOrder(), result.toString());
        }
    }

    @Test
    void idleConnectionsAreAllHeldOnParleyAndOnTheBaseline() throws Exception {
        for (Target target : new Target[] {Target.parley(base), baseline()}) {
            try (LoadGenerator generator = new LoadGenerator(target)) {
                LoadGenerator.CapacityResult result = generator.capacity(60, 120);
                assertEquals(60, result.held(), result.toString());
            }
        }
    }

    /**
     * Readers that stop reading stop answering pings as well, and here they stay stopped for 5 s, past the suite's
     * heartbeat timeout (a ping every second, 3 s to answer): whichever comes first, their send queue's limit (1013)
     * or the heartbeat (4000), the server has closed both before they read again, and says so in its count of
     * closes by code. Each finds its connection closed, with the close frame or, when the frame could not get past
     * what the reader left unread, without one (docs/PROTOCOL.md). Nothing else runs on the suite's server meanwhile,
     * so the counts' change is theirs.
     */
    @Test
    void readersThatStopLoseTheOthersNothingAndAreDropped() {
        Scrape before = Scrape.of(base);
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            LoadGenerator.SlowConsumerResult result = generator.slowConsumers(20, 2, 40, 5);
            assertEquals(0, result.othersLost(), result.toString());
            assertTrue(result.slowOutcomes().stream().allMatch(outcome -> outcome.equals("closed by the server with 1013")
                    || outcome.equals("closed by the server with 4000")
                    || outcome.equals("closed by the server without a close frame")), result.slowOutcomes().toString());
            Scrape after = Scrape.of(base);
            assertEquals(2, after.value(TOO_SLOW) + after.value(NO_PONG) - before.value(TOO_SLOW)
                    - before.value(NO_PONG), "both dropped by the server: " + result.slowOutcomes());
        }
    }

    /** A crowd arriving at once is all let in, and nobody already there is closed for what their arrival costs. */
    @Test
    void aCrowdArrivingAtOnceIsAllWelcomedAndNobodyIsClosed() {
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            LoadGenerator.JoinStormResult result = generator.joinStorm(150, 150, 2);
            assertEquals(150, result.welcomed(), result.toString());
            assertEquals(Map.of(), result.closedByServer(), result.toString());
        }
    }

    /** 60 leaving at once: those still there hear of it in coalesced presence frames, and nobody is left shown. */
    @Test
    void aCrowdLeavingAtOnceIsAllShownOffline() {
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            LoadGenerator.ChurnResult result = generator.churn(60, 1, 60);
            assertEquals(List.of(), result.leftOnline());
        }
    }

    @Test
    void peopleComingAndGoingLeaveNobodyOnline() {
        try (LoadGenerator generator = new LoadGenerator(Target.parley(base))) {
            LoadGenerator.ChurnResult result = generator.churn(5, 3, 60);
            assertTrue(result.sessions() >= 5, result.toString());
            assertEquals(List.of(), result.leftOnline());
        }
    }

    private static Target baseline() throws Exception {
        int port = FreePort.pick();
        Executors.newSingleThreadExecutor(daemon -> {
            Thread thread = new Thread(daemon, "baseline relay");
            thread.setDaemon(true);
            return thread;
        }).execute(() -> {
            try {
                new BaselineRelay().serve(port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        URL base = new URL("http://127.0.0.1:" + port + "/parley/");
        BenchServers.awaitListening(port);
        return Target.baseline(base);
    }
}
