package org.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The benchmark ({@code taskset -c 1 ./mvnw -Pbench verify}, see README "Performance"): Parley on Payara Micro,
 * Parley on WildFly ({@code -Dparley.bench.servers=payara,wildfly}, the default), the same servers with the relay
 * WAR of bench-relay in Parley's place (scenario {@code container}: what the container allows any WAR) and the
 * {@link BaselineRelay}, each pinned to core 0 and started only for its own turn, measured by the same generator on
 * core 1; the report and plot go to target/bench/. It measures; it checks nothing (BenchmarkQuickIT, in Parley's
 * suite, checks the generator counts right). Takes the WAR ({@code parley.war}), the rar ({@code parley.artemis.rar}),
 * server-config ({@code parley.server.config}), Payara Micro ({@code payara.microJar}), WildFly ({@code wildfly.home})
 * and the relay WAR ({@code parley.bench.relay.war}) as system properties; the build gives them.
 */
public final class ChatBench {

    private static final int USERS = Integer.parseInt(setting("parley.bench.users", "1000"));
    private static final double STEP_SECONDS = Double.parseDouble(setting("parley.bench.seconds", "20"));
    // each step first runs this long at its rate, uncounted; no longer than the step, so that a short run stays short
    private static final double WARMUP_SECONDS = Math.min(5, STEP_SECONDS);
    // the cluster's servers share one core with their JIT compilers: a step or two is not enough to warm them, and the
    // first counted steps measured the compiler (p99 falling run after run at 500/s)
    private static final double CLUSTER_WARMUP_SECONDS = Double.parseDouble(setting("parley.bench.cluster.warmup",
            "120"));
    private static final int CLUSTER_WARMUP_RATE = 1000;
    // fine around the goal of 20,000/s, so that where a target stops meeting it shows within a fifth; fewer to measure
    // only the low rates (the cluster's goals are at 500/s)
    private static final int[] RATES = Stream.of(setting("parley.bench.rates",
            "500,1000,2000,4000,8000,12000,16000,20000,24000,32000,40000").split(",")).mapToInt(Integer::parseInt)
            .toArray();
    // each rate measured this many times, to show how far one run's figures can be trusted
    private static final int REPEAT = Integer.parseInt(setting("parley.bench.direct.repeat", "1"));
    // one JVM may hold ~20,000 files here; the generator's JVM holds a few hundred besides its sockets
    private static final int CAPACITY = Integer.parseInt(setting("parley.bench.capacity", "19500"));
    private static final long CAPACITY_SECONDS = Long.parseLong(setting("parley.bench.capacity.seconds", "240"));
    private static final int SLOW = Math.max(1, USERS / 100);
    // a rate both servers sustain with every message committed (the direct steps), so that what changes when the
    // ten stop reading is theirs, not an overload's
    private static final int SLOW_RATE = Integer.parseInt(setting("parley.bench.slow.rate", "200"));
    private static final int CHURN_AT_ONCE = 50;
    private static final long CHURN_SECONDS = Long.parseLong(setting("parley.bench.churn.seconds", "120"));
    // past either, a higher rate only measures a longer queue
    private static final long GIVE_UP_P99_MICROS = 1_000_000;
    private static final double GIVE_UP_DELIVERED = 0.8;
    private static final Logger LOG = Logger.getLogger(ChatBench.class.getName());
    private static final int STORM_PEOPLE = Integer.parseInt(setting("parley.bench.storm.people", "10000"));
    private static final int STORM_RATE = Integer.parseInt(setting("parley.bench.storm.rate", "1000"));
    private static final long STORM_HOLD_SECONDS = 10;
    // a room of this many members, this many of them online, sent to at this rate
    private static final int ROOM_MEMBERS = Integer.parseInt(setting("parley.bench.room.members", "10000"));
    // a person in this many rooms asks for their room list this many times
    private static final int ROOM_LIST_ROOMS = Integer.parseInt(setting("parley.bench.room.list", "500"));
    private static final int ROOM_LIST_ASKS = 200;
    private static final int ROOM_CONNECTED = Integer.parseInt(setting("parley.bench.room.connected", "1000"));
    private static final int[] ROOM_RATES = Stream.of(setting("parley.bench.room.rate", "10,25,50,100").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final Set<String> SCENARIOS = Set.of(setting("parley.bench.scenarios",
            "direct,broadcast,container,backlog,slow,churn,room-list,room,storm,capacity,full,crash,cluster")
            .split(","));
    // a rate both servers carry, and the goal's: a server that carries less is killed while overloaded, with the
    // most in flight and few acknowledged
    private static final int[] CRASH_RATES = Stream.of(setting("parley.bench.crash.rate", "1000,20000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    // the log's size for the direct steps measured again on a full log (scenario full)
    private static final long FULL_ROWS = Long.parseLong(setting("parley.bench.full.rows", "10000000"));
    private static final double CRASH_KILL_AFTER = Double.parseDouble(setting("parley.bench.crash.after", "5"));

    private static final String SERVER_NAMES = setting("parley.bench.servers", "payara,wildfly");
    // "none": no Parley at all, the baseline relay alone (what the generator and the machine achieve without it)
    private static final List<String> SERVERS = SERVER_NAMES.equals("none") ? List.of()
            : List.of(SERVER_NAMES.split(","));

    private ChatBench() {
    }

    /**
     * A -Dparley.bench.* setting, or {@code fallback}: the bench profile passes each one on to this JVM, empty when the
     * user did not set it.
     */
    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, "");
        return value.isBlank() ? fallback : value;
    }

    public static void main(String[] args) throws Exception {
        // -Dparley.bench.war=... measures another build of Parley (an earlier version, for a before and after)
        Path war = Path.of(setting("parley.bench.war", System.getProperty("parley.war")));
        Path work = Path.of(System.getProperty("parley.war")).getParent().resolve("bench");
        // every run on empty databases: a log left by an earlier run would be measured too, and one a newer Parley
        // migrated stops an older one (a before and after) from starting at all
        BenchServers.delete(work);
        Files.createDirectories(work);
        BenchReport report = new BenchReport(USERS, STEP_SECONDS, WARMUP_SECONDS, Instant.now());
        // one server at a time, started for its turn and stopped after it: a server idling on core 0 meanwhile
        // (its timers, its JIT, its garbage) would take from the one being measured
        // servers of their own for the cluster and the container relay, below; none to start for them alone
        boolean singleServerScenarios = SCENARIOS.stream().anyMatch(scenario -> !scenario.equals("cluster"));
        boolean parleyAlone = SCENARIOS.stream()
                .anyMatch(scenario -> !scenario.equals("cluster") && !scenario.equals("container"));
        for (String server : parleyAlone ? SERVERS : List.<String>of()) {
            int port = BenchServers.freePort();
            Process[] process = {start(server, war, work, port)};
            try {
                URL base = new URL("http://127.0.0.1:" + port + "/parley/");
                BenchServers.awaitPage(base);
                Target parley = Target.parley(base).named("wildfly".equals(server) ? "Parley on WildFly"
                        : "Parley on Payara Micro").runningAs(jvmOf(server, process[0]));
                measure(parley, true, report);
                if (SCENARIOS.contains("full")) {
                    // the database is free only once the server's JVM has gone (WildFly's outlives its script)
                    long jvm = jvmOf(server, process[0]);
                    stop(process[0]);
                    awaitExit(jvm);
                    long filling = System.nanoTime();
                    LogFiller.fill(BenchServers.database(server, work), FULL_ROWS);
                    LOG.info(() -> parley.label() + ": log filled with " + FULL_ROWS + " messages in "
                            + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - filling) + " s");
                    process[0] = start(server, war, work, port);
                    BenchServers.awaitPage(base);
                    Target full = parley.named(String.format(Locale.ROOT, "%s, log of %,d", parley.label(), FULL_ROWS))
                            .runningAs(jvmOf(server, process[0]));
                    try (LoadGenerator generator = new LoadGenerator(full)) {
                        report.direct(full.label(), steps(rate -> generator.direct(USERS, rate, WARMUP_SECONDS,
                                STEP_SECONDS)));
                    }
                }
                // last: it ends the server, and the one started after it has the log of everything before
                for (int rate : SCENARIOS.contains("crash") ? CRASH_RATES : new int[0]) {
                    try (LoadGenerator generator = new LoadGenerator(parley)) {
                        LoadGenerator.CrashResult crash = generator.crash(USERS, rate, CRASH_KILL_AFTER,
                                () -> kill(jvmOf(server, process[0])), () -> {
                                    process[0] = start(server, war, work, port);
                                    BenchServers.awaitPage(base);
                                });
                        LOG.info(() -> "crash: " + crash);
                        report.crash(crash);
                    }
                }
            } finally {
                stop(process[0]);
            }
            // after each turn, so that a run stopped later (or a target that fails) keeps what was measured so far
            report.write(work);
        }
        // the container's own floor: each server again, with a WAR that only relays (bench-relay) in Parley's place
        for (String server : SCENARIOS.contains("container") ? SERVERS : List.<String>of()) {
            int port = BenchServers.freePort();
            Process relay = start(server, Path.of(System.getProperty("parley.bench.relay.war")), work, port);
            try {
                URL base = new URL("http://127.0.0.1:" + port + "/parley/");
                BenchServers.awaitPage(base);
                measureDirect(Target.baseline(base).named("wildfly".equals(server) ? "relay WAR on WildFly"
                        : "relay WAR on Payara Micro").runningAs(jvmOf(server, relay)), true, true, report);
            } finally {
                stop(relay);
            }
            report.write(work);
        }
        if (SCENARIOS.contains("cluster") && !SERVERS.isEmpty()) {
            measureCluster(war, work, report);
            report.write(work);
        }
        if (singleServerScenarios) {
            int baselinePort = BenchServers.freePort();
            Process baseline = BenchServers.baseline(work, baselinePort);
            try {
                BenchServers.awaitListening(baselinePort);
                measure(Target.baseline(new URL("http://127.0.0.1:" + baselinePort + "/parley/"))
                        .runningAs(baseline.pid()), false, report);
            } finally {
                stop(baseline);
            }
        }
        report.write(work);
    }

    /**
     * Two Payara Micro servers as one chat (README "Several servers as one chat"), both on core 0, with the shared
     * PostgreSQL server and the Artemis broker (in the generator's JVM) on core 1: first server A alone on that
     * database, as one server of a chat would run, after a warm-up uncounted ({@code parley.bench.cluster.warmup}
     * seconds at 1,000/s, reported apart); then, with server B started beside it and warmed up as long on its own,
     * then as long across, direct messages between people on one server, then between people on the two, step by
     * step as for one server.
     */
    private static void measureCluster(Path war, Path work, BenchReport report) throws Exception {
        Path cluster = work.resolve("cluster");
        BenchServers.delete(cluster);
        Files.createDirectories(cluster);
        try (BenchCluster shared = BenchCluster.start(cluster)) {
            Path commands = shared.commands();
            Path microJar = Path.of(System.getProperty("payara.microJar"));
            int portA = BenchServers.freePort();
            int portB = BenchServers.freePort();
            Process a = BenchServers.clusterNode(microJar, war, cluster, "a", portA, commands,
                    BenchCluster.driverJars());
            Process b = null;
            try {
                URL baseA = new URL("http://127.0.0.1:" + portA + "/parley/");
                URL baseB = new URL("http://127.0.0.1:" + portB + "/parley/");
                BenchServers.awaitPage(baseA);
                try (LoadGenerator onA = new LoadGenerator(Target.parley(baseA).named("cluster server A")
                        .runningAs(a.pid()))) {
                    // uncounted: the first steps after a start measure the JIT compiler (a core used at 500/s)
                    report.warmup("server A alone, just started", onA.direct(USERS, CLUSTER_WARMUP_RATE,
                            WARMUP_SECONDS, CLUSTER_WARMUP_SECONDS));
                    report.cluster("Parley on PostgreSQL, server A alone", steps(rate -> onA.direct(USERS, rate,
                            WARMUP_SECONDS, STEP_SECONDS)));
                    b = BenchServers.clusterNode(microJar, war, cluster, "b", portB, commands,
                            BenchCluster.driverJars());
                    BenchServers.awaitPage(baseB);
                    Target serverB = Target.parley(baseB).named("cluster server B").runningAs(b.pid());
                    onA.beside(serverB);
                    try (LoadGenerator onB = new LoadGenerator(serverB)) {
                        // uncounted, as for A: B's JIT compiler at work would be in the first steps of both. B
                        // first as long as A on its own (with the crossing warm-up alone, B still spent 19% of its
                        // CPU in the compiler through the crossing steps, A 7%: a profile, 2026-12-08), then across
                        report.warmup("server B beside A, B just started", onB.direct(USERS, CLUSTER_WARMUP_RATE,
                                WARMUP_SECONDS, CLUSTER_WARMUP_SECONDS));
                        report.warmup("from server A to server B", onA.across(onB, USERS,
                                CLUSTER_WARMUP_RATE, WARMUP_SECONDS, CLUSTER_WARMUP_SECONDS));
                        report.cluster("Parley cluster, both on server A", steps(rate -> onA.direct(USERS, rate,
                                WARMUP_SECONDS, STEP_SECONDS)));
                        report.cluster("Parley cluster, server A to server B", steps(rate -> onA.across(onB, USERS,
                                rate, WARMUP_SECONDS, STEP_SECONDS)));
                    }
                }
            } finally {
                stop(a);
                if (b != null) {
                    stop(b);
                }
            }
        }
    }

    /**
     * {@code parley.bench.direct.repeat} runs per rate, climbing until a rate where a run's p99 exceeds 1 s or it
     * delivers less than 80% of what was offered.
     */
    private static List<LoadGenerator.DirectResult> steps(IntFunction<LoadGenerator.DirectResult> step) {
        List<LoadGenerator.DirectResult> steps = new ArrayList<>();
        for (int rate : RATES) {
            boolean overloaded = false;
            for (int run = 0; run < REPEAT; run++) {
                LoadGenerator.DirectResult result = step.apply(rate);
                LOG.info(() -> result.target() + " direct " + rate + "/s: p99 "
                        + result.latency().getValueAtPercentile(99) / 1000 + " ms, delivered "
                        + Math.round(result.deliveredPerSecond()) + "/s, lost " + result.lost() + "; slowest seconds (UTC) "
                        + result.slowestSeconds());
                steps.add(result);
                overloaded |= result.latency().getValueAtPercentile(99) > GIVE_UP_P99_MICROS
                        || result.deliveredPerSecond() < GIVE_UP_DELIVERED * rate;
            }
            if (overloaded) {
                break;
            }
        }
        return steps;
    }

    /** The direct steps, then the broadcasts: what every target has, the relays too. */
    private static void measureDirect(Target target, boolean steps, boolean broadcasts, BenchReport report) {
        if (!steps && !broadcasts) {
            return;
        }
        try (LoadGenerator generator = new LoadGenerator(target)) {
            if (steps) {
                report.direct(target.label(), steps(rate -> generator.direct(USERS, rate, WARMUP_SECONDS,
                        STEP_SECONDS)));
            }
            if (broadcasts) {
                // the broadcasts' own code paths, on both sides, compiled before any is counted
                generator.broadcast(USERS, 5, 250);
                report.broadcast(generator.broadcast(USERS, 20, 250));
            }
        }
    }

    /** Every scenario chosen, on one target; those only Parley has (its log, its limits) when it is Parley. */
    private static void measure(Target target, boolean isParley, BenchReport report) {
        // the baseline stands under the container relay's figures as well as Parley's
        boolean underRelay = !isParley && SCENARIOS.contains("container");
        measureDirect(target, underRelay || SCENARIOS.contains("direct"), underRelay || SCENARIOS.contains("broadcast"),
                report);
        if (isParley) {
            try (LoadGenerator generator = new LoadGenerator(target)) {
                if (SCENARIOS.contains("backlog")) {
                    report.backlog(target.label(), generator.backlog(10_000));
                    LOG.info("backlog done");
                }
                if (SCENARIOS.contains("slow")) {
                    report.slowConsumers(generator.slowConsumers(USERS, SLOW, SLOW_RATE, STEP_SECONDS));
                    LOG.info("slow done");
                }
                if (SCENARIOS.contains("churn")) {
                    report.churn(generator.churn(CHURN_AT_ONCE, CHURN_SECONDS, CHURN_SECONDS / 4), CHURN_AT_ONCE);
                    LOG.info("churn done");
                }
                if (SCENARIOS.contains("room-list")) {
                    LoadGenerator.RoomListResult list = generator.roomList(ROOM_LIST_ROOMS, ROOM_LIST_ASKS);
                    LOG.info(() -> "room list of " + list.rooms() + ": p99 " + list.micros()
                            .getValueAtPercentile(99) + " µs");
                    report.roomList(list);
                }
                if (SCENARIOS.contains("room")) {
                    for (LoadGenerator.RoomResult room : generator.room(ROOM_MEMBERS, ROOM_CONNECTED, ROOM_RATES,
                            (int) WARMUP_SECONDS, (int) STEP_SECONDS)) {
                        LOG.info(() -> "room " + room.perSecond() + "/s: lost " + room.lost());
                        report.room(room);
                    }
                }
            }
        }
        if (SCENARIOS.contains("storm")) {
            try (LoadGenerator generator = new LoadGenerator(target)) {
                LoadGenerator.JoinStormResult storm = generator.joinStorm(STORM_PEOPLE, STORM_RATE,
                        STORM_HOLD_SECONDS);
                LOG.info(() -> "join storm: " + storm);
                report.joinStorm(storm);
            }
        }
        // last: it leaves thousands of accounts and connections' garbage behind
        if (SCENARIOS.contains("capacity")) {
            try (LoadGenerator generator = new LoadGenerator(target)) {
                LoadGenerator.CapacityResult held = generator.capacity(CAPACITY, CAPACITY_SECONDS);
                LOG.info(() -> "capacity: " + held);
                report.capacity(held);
            }
        }
    }

    /** Parley on {@code server}, on the databases under {@code work}: those a start before it left, if any. */
    private static Process start(String server, Path war, Path work, int port) {
        try {
            return "wildfly".equals(server)
                    ? BenchServers.wildfly(Path.of(System.getProperty("wildfly.home")), war, work, port)
                    : BenchServers.parley(Path.of(System.getProperty("payara.microJar")), war, work, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + server, e);
        }
    }

    /** The server's own JVM: WildFly's start script runs it as a child. */
    private static long jvmOf(String server, Process process) {
        return "wildfly".equals(server) ? BenchServers.jvmOf(process) : process.pid();
    }

    /** SIGKILL, as a power cut or the kernel's OOM killer would: no shutdown hook, no last commit. */
    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit(pid);
    }

    /** Waits, a minute at most, until process {@code pid} has gone, and with it any lock it held on its files. */
    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
