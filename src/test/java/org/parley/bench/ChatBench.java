package org.parley.bench;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.testing.FreePort;
import org.parley.testing.PageAnswer;

/**
 * The benchmark run ({@code taskset -c 1 ./mvnw -Pbench verify}, see README "Performance"): Parley on Payara Micro
 * and the {@link BaselineRelay}, each pinned to core 0, measured by the same generator on core 1; the report and
 * plot go to target/bench/. Not part of the test suite: it asserts nothing, it measures.
 */
class ChatBench {

    private static final int USERS = Integer.getInteger("parley.bench.users", 1000);
    private static final double STEP_SECONDS = Double.parseDouble(System.getProperty("parley.bench.seconds", "5"));
    private static final int[] RATES = {500, 1000, 2000, 4000, 8000, 16000, 32000, 64000};
    // one JVM may hold ~20,000 files here; the generator's JVM holds a few hundred besides its sockets
    private static final int CAPACITY = Integer.getInteger("parley.bench.capacity", 19_500);
    private static final long CAPACITY_SECONDS = Long.getLong("parley.bench.capacity.seconds", 240);
    private static final int SLOW = Math.max(1, USERS / 100);
    private static final int CHURN_AT_ONCE = 50;
    private static final long CHURN_SECONDS = Long.getLong("parley.bench.churn.seconds", 120);
    private static final long P99_LIMIT_MICROS = 50_000;
    private static final Logger LOG = Logger.getLogger(ChatBench.class.getName());
    private static final Set<String> SCENARIOS = Set.of(System.getProperty("parley.bench.scenarios",
            "direct,broadcast,backlog,slow,churn,capacity").split(","));

    @Test
    void measure() throws Exception {
        Path war = Path.of(System.getProperty("parley.war"));
        Path work = war.getParent().resolve("bench");
        Files.createDirectories(work);
        int parleyPort = FreePort.pick();
        int baselinePort = FreePort.pick();
        Process parley = BenchServers.parley(Path.of(System.getProperty("payara.microJar")), war, work, parleyPort);
        Process baseline = BenchServers.baseline(work, baselinePort);
        try {
            URL parleyBase = new URL("http://127.0.0.1:" + parleyPort + "/parley/");
            PageAnswer.await(parleyBase, Duration.ofMinutes(3));
            BenchServers.awaitListening(baselinePort);
            BenchReport report = new BenchReport(USERS, STEP_SECONDS, Instant.now());
            Target parleyTarget = Target.parley(parleyBase).runningAs(parley.pid());
            Target baselineTarget = Target.baseline(new URL("http://127.0.0.1:" + baselinePort + "/parley/"))
                    .runningAs(baseline.pid());
            for (Target target : SCENARIOS.contains("direct") ? new Target[] {parleyTarget, baselineTarget}
                    : new Target[0]) {
                try (LoadGenerator generator = new LoadGenerator(target)) {
                    // both servers, and the generator, reach their compiled speed before anything is counted
                    generator.direct(USERS, RATES[0], STEP_SECONDS);
                    generator.broadcast(USERS, 5, 250);
                    List<LoadGenerator.DirectResult> steps = new ArrayList<>();
                    for (int rate : RATES) {
                        LoadGenerator.DirectResult step = generator.direct(USERS, rate, STEP_SECONDS);
                        LOG.info(() -> target.label() + " direct " + rate + "/s: p99 "
                                + step.latency().getValueAtPercentile(99) / 1000 + " ms, lost " + step.lost());
                        steps.add(step);
                        if (step.latency().getValueAtPercentile(99) > P99_LIMIT_MICROS || step.lost() > 0) {
                            break;
                        }
                    }
                    report.direct(target.label(), steps);
                    report.broadcast(generator.broadcast(USERS, 20, 250));
                }
            }
            try (LoadGenerator generator = new LoadGenerator(parleyTarget)) {
                if (SCENARIOS.contains("backlog")) {
                    report.backlog(generator.backlog(10_000));
                    LOG.info("backlog done");
                }
                if (SCENARIOS.contains("slow")) {
                    report.slowConsumers(generator.slowConsumers(USERS, SLOW, 1000, STEP_SECONDS * 4));
                    LOG.info("slow done");
                }
                if (SCENARIOS.contains("churn")) {
                    report.churn(generator.churn(CHURN_AT_ONCE, CHURN_SECONDS, CHURN_SECONDS / 4), CHURN_AT_ONCE);
                    LOG.info("churn done");
                }
            }
            // last: it leaves thousands of accounts and connections' garbage behind
            for (Target target : SCENARIOS.contains("capacity") ? new Target[] {baselineTarget, parleyTarget}
                    : new Target[0]) {
                try (LoadGenerator generator = new LoadGenerator(target)) {
                    LoadGenerator.CapacityResult held = generator.capacity(CAPACITY, CAPACITY_SECONDS);
                    LOG.info(() -> "capacity: " + held);
                    report.capacity(held);
                }
            }
            report.write(work);
        } finally {
            parley.descendants().forEach(ProcessHandle::destroy);
            parley.destroy();
            baseline.destroy();
            parley.waitFor(30, TimeUnit.SECONDS);
            baseline.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
