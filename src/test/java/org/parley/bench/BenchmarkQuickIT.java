package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.parley.testing.DeployedParley;

/**
 * The benchmark's scenarios, small and short, against the suite's Parley and an in-process baseline: proves the
 * load generator still counts right (nothing lost, nothing twice, the backlog in order). It asserts no timing.
 * Sizes fit the suite's limits: 100 messages a second and bursts of 50 per user, a mailbox of 20.
 */
class BenchmarkQuickIT extends DeployedParley {

    @Test
    void directMessagesArriveOnceEachOnParleyAndOnTheBaseline() throws Exception {
        for (Target target : new Target[] {Target.parley(base), baseline()}) {
            LoadGenerator.DirectResult result = new LoadGenerator(target).direct(10, 100, 2);
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
            LoadGenerator.BroadcastResult result = new LoadGenerator(target).broadcast(10, 5, 50);
            assertEquals(0, result.lost(), target.label() + ": " + result);
            assertEquals(0, result.duplicated(), target.label());
            assertEquals(5, result.timeToLastDelivery().getTotalCount(), target.label());
        }
    }

    @Test
    void aBacklogIsDrainedCompleteAndInOrder() {
        LoadGenerator.BacklogResult result = new LoadGenerator(Target.parley(base)).backlog(15);
        assertEquals(0, result.lost(), result.toString());
        assertTrue(result.inOrder(), result.toString());
    }

    private static Target baseline() throws Exception {
        int port = BenchServers.freePort();
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
