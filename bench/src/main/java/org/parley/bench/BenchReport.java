package org.parley.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/** The run's findings as a markdown report, with a {@link LatencyChart}. */
final class BenchReport {

    private final int users;
    private final double stepSeconds;
    private final double warmupSeconds;
    private final Instant when;
    private final Map<String, List<LoadGenerator.DirectResult>> direct = new LinkedHashMap<>();
    private final Map<String, List<LoadGenerator.DirectResult>> cluster = new LinkedHashMap<>();
    private final Map<String, LoadGenerator.DirectResult> warmups = new LinkedHashMap<>();
    private final List<LoadGenerator.BroadcastResult> broadcasts = new ArrayList<>();
    private final List<LoadGenerator.RoomResult> rooms = new ArrayList<>();
    private final List<LoadGenerator.RoomListResult> roomLists = new ArrayList<>();
    private final Map<String, LoadGenerator.BacklogResult> backlogs = new LinkedHashMap<>();
    private final List<LoadGenerator.CapacityResult> capacity = new ArrayList<>();
    private final List<LoadGenerator.CrashResult> crashes = new ArrayList<>();
    private final List<LoadGenerator.SlowConsumerResult> slowConsumers = new ArrayList<>();
    private final List<LoadGenerator.ChurnResult> churns = new ArrayList<>();
    private final List<LoadGenerator.JoinStormResult> storms = new ArrayList<>();
    private int churnAtOnce;

    BenchReport(int users, double stepSeconds, double warmupSeconds, Instant when) {
        this.users = users;
        this.stepSeconds = stepSeconds;
        this.warmupSeconds = warmupSeconds;
        this.when = when;
    }

    /** A figure as {@code format} has it, or a dash where it is not known. */
    private static String figure(double value, String format) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }

    /** @param steps every run of every rate, in the order run */
    void direct(String target, List<LoadGenerator.DirectResult> steps) {
        direct.put(target, steps);
    }

    /** As {@link #direct}, for two servers as one chat: their own panel of the chart. */
    void cluster(String target, List<LoadGenerator.DirectResult> steps) {
        cluster.put(target, steps);
    }

    /** A step run to warm a server up, not counted among the steps: shown apart, so that what it hid is seen. */
    void warmup(String what, LoadGenerator.DirectResult result) {
        warmups.put(what, result);
    }

    void broadcast(LoadGenerator.BroadcastResult result) {
        broadcasts.add(result);
    }

    void room(LoadGenerator.RoomResult result) {
        rooms.add(result);
    }

    void roomList(LoadGenerator.RoomListResult result) {
        roomLists.add(result);
    }

    void backlog(String target, LoadGenerator.BacklogResult result) {
        backlogs.put(target, result);
    }

    void capacity(LoadGenerator.CapacityResult result) {
        capacity.add(result);
    }

    void crash(LoadGenerator.CrashResult result) {
        crashes.add(result);
    }

    void slowConsumers(LoadGenerator.SlowConsumerResult result) {
        slowConsumers.add(result);
    }

    void joinStorm(LoadGenerator.JoinStormResult result) {
        storms.add(result);
    }

    void churn(LoadGenerator.ChurnResult result, int atOnce) {
        churns.add(result);
        churnAtOnce = atOnce;
    }

    /**
     * The classes whose live objects grew most while a capacity run opened its connections, per connection: whose
     * memory a connection is ({@code jcmd GC.class_histogram} before and after, each after a full collection).
     */
    private static void heldBy(StringBuilder md, LoadGenerator.CapacityResult c) {
        long grownBytes = c.after().liveHeapBytes() - c.before().liveHeapBytes();
        md.append(String.format(Locale.ROOT, "%n### What %d idle connections hold on %s: the classes that grew most%n%n",
                c.held(), c.target()));
        md.append("| class | instances per connection | bytes per connection | share of the growth |\n|---|---|---|---|\n");
        c.grown().forEach(g -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f | %s |%n", g.className(),
                g.instances() / (double) c.held(), g.bytes() / (double) c.held(),
                grownBytes <= 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100.0 * g.bytes() / grownBytes))));
        md.append(String.format(Locale.ROOT, "%nObjects of Parley's own classes (`org.parley.*`, without the arrays and "
                + "strings they hold): %.0f bytes per connection.%n", c.grownParley() / (double) c.held()));
    }

    private static String heap(ServerMemory memory) {
        return memory == null ? "n/a" : ServerMemory.mib(memory.liveHeapBytes());
    }

    // the generator's own JVM is pinned to one core, so it cannot be asked how many the machine has
    private static long cores() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The first line {@code java -version} of the servers' JVM prints: the same options act otherwise on another JDK. */
    private static String serverJavaVersion() {
        try {
            Process java = new ProcessBuilder(BenchServers.SERVER_JAVA, "-version").redirectErrorStream(true).start();
            String first = new String(java.getInputStream().readAllBytes()).lines()
                    .filter(line -> !line.startsWith("Picked up")).findFirst().orElse("?");
            java.waitFor();
            return first;
        } catch (IOException e) {
            return "version not known: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "version not known";
        }
    }

    /** The generator's heap and collectors, as its JVM has them: the figures depend on them (its pauses are latency). */
    private static String generatorJvm() {
        return String.format(Locale.ROOT, "a heap of at most %d MiB, collectors %s", Runtime.getRuntime().maxMemory()
                >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(" and ")));
    }

    private static String ms(Histogram histogram, double percentile) {
        return String.format(Locale.ROOT, "%.1f", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    /** The highest rate every run of which met p99 ≤ 50 ms and lost nothing. */
    private static int bestRate(List<LoadGenerator.DirectResult> steps) {
        return byRate(steps).entrySet().stream().filter(runs -> runs.getValue().stream().allMatch(
                s -> s.lost() == 0 && s.latency().getValueAtPercentile(99) <= 50_000))
                .mapToInt(Map.Entry::getKey).max().orElse(0);
    }

    private static Map<Integer, List<LoadGenerator.DirectResult>> byRate(List<LoadGenerator.DirectResult> steps) {
        Map<Integer, List<LoadGenerator.DirectResult>> runs = new LinkedHashMap<>();
        steps.forEach(step -> runs.computeIfAbsent(step.offeredPerSecond(), rate -> new ArrayList<>()).add(step));
        return runs;
    }

    void write(Path directory) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Parley benchmark, ").append(when).append("\n\n");
        md.append("Machine: ").append(cores()).append(" cores; Java ")
                .append(System.getProperty("java.version")).append("; servers pinned to core 0 (`taskset -c 0`), ")
                .append("generator on core 1 (Netty, ").append(BenchNetwork.transport())
                .append(", one event loop thread, in a JVM with ").append(generatorJvm())
                .append("). Parley (on Payara Micro, on WildFly, one at a time) with ")
                .append(BenchServers.PARLEY_SETTINGS)
                .append(", on `").append(BenchServers.SERVER_JAVA).append("` (").append(serverJavaVersion())
                .append("), JVM options `").append(String.join(" ", BenchServers.SERVER_JVM)).append("`. Heap figures are the live heap after a full collection (`jcmd PID GC.run`, ")
                .append("then `GC.heap_info`); RSS from /proc.\n\n");
        Map<String, List<LoadGenerator.DirectResult>> allSteps = new LinkedHashMap<>(direct);
        allSteps.putAll(cluster);
        md.append("## Direct messages: ").append(users).append(" users to random online peers, ")
                .append(stepSeconds).append(" s per step after ").append(warmupSeconds)
                .append(" s at its rate uncounted, open loop\n\n");
        md.append("| target | offered/s | run | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | duplicated "
                + "| generator CPU | send lag p99 ms | Derby page reads a message | order held µs a message "
                + "| server CPU | other server CPU |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        allSteps.forEach((target, steps) -> byRate(steps).forEach((rate, runs) -> {
            for (int run = 0; run < runs.size(); run++) {
                LoadGenerator.DirectResult s = runs.get(run);
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %s | %s | %s | %s | %d | %d | %.0f%% "
                        + "| %s | %s | %s | %s | %s |%n", target, rate, run + 1, s.deliveredPerSecond(),
                        ms(s.latency(), 50),
                        ms(s.latency(), 99), ms(s.latency(), 99.9), ms(s.latency(), 100), s.lost(), s.duplicated(),
                        s.generatorCpu() * 100, ms(s.sendLag(), 99), figure(s.pageReadsPerMessage(), "%.2f"),
                        figure(s.orderHeldMicros(), "%.1f"), figure(s.serverCpu() * 100, "%.0f%%"),
                        figure(s.peerCpu() * 100, "%.0f%%")));
            }
        }));
        md.append("\nGenerator CPU is the generator JVM's CPU time over the step's wall time (100% is its whole core); "
                + "send lag is how late it sent messages after their scheduled times. A step where either is high "
                + "measured the generator, not the target. Derby page reads are the pages Parley's embedded Derby "
                + "read from disk into its page cache during the step (its metrics), over the messages sent. The order "
                + "held is the time the servers of a chat spent holding the order in which all of them number messages "
                + "(`parley_log_order_held_seconds_total`, summed over the servers), over the messages sent: the "
                + "part of each message no two servers do at once. Server CPU is the CPU time of the target's JVM "
                + "(from /proc) over the step's wall time, 100% being one core; other server CPU that of the other "
                + "server of its chat.\n");
        if (allSteps.values().stream().anyMatch(steps -> byRate(steps).values().stream()
                .anyMatch(runs -> runs.size() > 1))) {
            md.append("\nThe spread over the runs of each rate:\n\n| target | offered/s | runs | p99 ms, min–max "
                    + "| delivered/s, min–max |\n|---|---|---|---|---|\n");
            allSteps.forEach((target, steps) -> byRate(steps).forEach((rate, runs) -> md.append(String.format(
                    Locale.ROOT, "| %s | %d | %d | %s–%s | %.0f–%.0f |%n", target, rate, runs.size(),
                    ms(runs.stream().map(LoadGenerator.DirectResult::latency).min(BenchReport::byP99).orElseThrow(),
                            99),
                    ms(runs.stream().map(LoadGenerator.DirectResult::latency).max(BenchReport::byP99).orElseThrow(),
                            99),
                    runs.stream().mapToDouble(LoadGenerator.DirectResult::deliveredPerSecond).min().orElseThrow(),
                    runs.stream().mapToDouble(LoadGenerator.DirectResult::deliveredPerSecond).max().orElseThrow()))));
        }
        if (!warmups.isEmpty()) {
            md.append("\nThe cluster's warm-ups, not among the steps above (each measured after its first " + warmupSeconds
                    + " s, as a step is):\n\n"
                    + "| warm-up | offered/s | seconds | delivered/s | p50 ms | p99 ms | max ms | lost | server CPU "
                    + "| other server CPU |\n|---|---|---|---|---|---|---|---|---|---|\n");
            warmups.forEach((what, s) -> md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.0f | %.0f | %s | %s | %s | %d | %s | %s |%n", what, s.offeredPerSecond(),
                    s.sent() / (double) s.offeredPerSecond(), s.deliveredPerSecond(), ms(s.latency(), 50),
                    ms(s.latency(), 99), ms(s.latency(), 100), s.lost(), figure(s.serverCpu() * 100, "%.0f%%"),
                    figure(s.peerCpu() * 100, "%.0f%%"))));
        }
        if (direct.containsKey("baseline")) {
            int baseline = bestRate(direct.get("baseline"));
            allSteps.forEach((target, steps) -> {
                if (!"baseline".equals(target)) {
                    int best = bestRate(steps);
                    md.append(String.format(Locale.ROOT, "%nHighest offered rate with p99 ≤ 50 ms and nothing lost "
                            + "(in every run): "
                            + "%s %d/s, baseline %d/s, ratio %.2f.%n", target, best, baseline,
                            baseline == 0 ? 0.0 : (double) best / baseline));
                }
            });
        }
        md.append("\nBefore the broadcasts below, each target had five uncounted ones as a warm-up.\n");
        md.append("\n## Broadcast to everyone online: time from scheduled send to the last recipient\n\n");
        md.append("| target | users | broadcasts | p50 ms | p99 ms | max ms | lost | duplicated |\n|---|---|---|---|---|---|---|---|\n");
        broadcasts.forEach(b -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %d | %d |%n",
                b.target(), b.users(), b.broadcasts(), ms(b.timeToLastDelivery(), 50), ms(b.timeToLastDelivery(), 99),
                ms(b.timeToLastDelivery(), 100), b.lost(), b.duplicated())));
        if (!rooms.isEmpty()) {
            md.append("\n## A room: its messages to the members online, time from scheduled send to the last of them\n\n"
                    + "Every member joined first (each join timed from its frame to its acknowledgement, 200 at once);"
                    + " then messages went to the room from the members online in turn, after a warm-up.\n\n");
            md.append("| target | members | online | messages/s | messages | p50 ms | p99 ms | max ms | lost | duplicated"
                    + " | refused | join p50 ms | join p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            rooms.forEach(r -> md.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %s | %s | %s | %d | %d | %d | %d | %d |%n", r.target(), r.members(),
                    r.connected(), r.perSecond(), r.messages(), ms(r.timeToLastDelivery(), 50),
                    ms(r.timeToLastDelivery(), 99), ms(r.timeToLastDelivery(), 100), r.lost(), r.duplicated(),
                    r.refused(), r.joinMillis().getValueAtPercentile(50), r.joinMillis().getValueAtPercentile(99))));
        }
        if (!roomLists.isEmpty()) {
            md.append("\n## A person's room list: GET /api/rooms\n\n"
                    + "One person in that many public rooms, each with one unread message from its maker; the list"
                    + " asked for one request after another, as many untimed first; every answer checked to hold every"
                    + " room, its unread count and its latest message.\n\n");
            md.append("| target | rooms | requests | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
            roomLists.forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s |%n", r.target(),
                    r.rooms(), r.asks(), ms(r.micros(), 50), ms(r.micros(), 99), ms(r.micros(), 100))));
        }
        backlogs.forEach((target, backlog) -> md.append(String.format(Locale.ROOT, "%n## Offline backlog (%s)%n%n"
                + "%d messages kept for one user (sent in %d ms, in batches of %d each acknowledged before the "
                + "next): drained %d ms after they started to connect; in order: %s; lost: %d.%n", target,
                backlog.messages(), backlog.keepMillis(), LoadGenerator.BATCH, backlog.drainMillis(), backlog.inOrder(),
                backlog.lost())));
        for (LoadGenerator.SlowConsumerResult r : slowConsumers) {
            md.append(String.format(Locale.ROOT, "%n## Slow consumers (%s)%n%n%d users, direct messages at %d/s, every "
                    + "other one 16 KiB for one of %d of them; in the second phase those stop reading.%n%n"
                    + "| phase | others' p50 ms | p99 ms | p99.9 ms | max ms | others lost | refused | server live heap |%n"
                    + "|---|---|---|---|---|---|---|---|%n", r.target(), r.users(), r.perSecond(), r.slow()));
            md.append(String.format(Locale.ROOT, "| everyone reading | %s | %s | %s | %s | 0 | 0 | %s |%n",
                    ms(r.othersBefore(), 50), ms(r.othersBefore(), 99), ms(r.othersBefore(), 99.9),
                    ms(r.othersBefore(), 100), heap(r.before())));
            md.append(String.format(Locale.ROOT, "| %d not reading | %s | %s | %s | %s | %d | %d | %s |%n",
                    r.slow(), ms(r.othersDuring(), 50), ms(r.othersDuring(), 99), ms(r.othersDuring(), 99.9),
                    ms(r.othersDuring(), 100), r.othersLost(), r.othersRefused(), heap(r.during())));
            md.append("\nWhat became of the slow readers: ").append(summary(r.slowOutcomes())).append(".\n");
        }
        for (LoadGenerator.ChurnResult churn : churns) {
            md.append(String.format(Locale.ROOT, "%n## Churn (%s)%n%n%d sessions in %d s (connect, send one message, "
                    + "close), %d at a time; the server's memory read every %d s%n%n| sample | live heap | RSS |%n"
                    + "|---|---|---|%n", churn.target(), churn.sessions(), churn.seconds(), churnAtOnce,
                    churn.sampleSeconds()));
            for (int i = 0; i < churn.heap().size(); i++) {
                ServerMemory m = churn.heap().get(i);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", i == 0 ? "start"
                        : i == churn.heap().size() - 1 ? "end" : Integer.toString(i), heap(m),
                        m == null ? "n/a" : ServerMemory.mib(m.residentBytes())));
            }
            md.append("\nStill shown online to a newcomer afterwards: ")
                    .append(churn.leftOnline().isEmpty() ? "nobody" : churn.leftOnline().toString()).append(".\n");
        }
        if (!storms.isEmpty()) {
            md.append("\n## Join storm: people connecting open loop at a fixed rate, everyone staying\n\n");
            md.append("| target | people | per second | welcomed | failed | last welcome s | closed by the server "
                    + "while holding (code: count) | RSS after |\n|---|---|---|---|---|---|---|---|\n");
            storms.forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f | %s | %s |%n",
                    r.target(), r.people(), r.perSecond(), r.welcomed(), r.failed(), r.lastWelcomeMillis() / 1000.0,
                    r.closedByServer().isEmpty() ? "none" : r.closedByServer().toString(),
                    r.after() == null ? "n/a" : ServerMemory.mib(r.after().residentBytes()))));
        }
        if (!capacity.isEmpty()) {
            md.append("\n## Capacity: idle connections, signed in, opened 200 at a time\n\n");
            md.append("| target | held | took s | stopped by | live heap before | after | per connection | RSS after |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            capacity.forEach(c -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s |%n",
                    c.target(), c.held(), c.seconds(), c.stoppedBy(), heap(c.before()), heap(c.after()),
                    c.heapPerConnection() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f KiB",
                            c.heapPerConnection() / 1024.0),
                    c.after() == null ? "n/a" : ServerMemory.mib(c.after().residentBytes()))));
            capacity.stream().filter(c -> !c.grown().isEmpty() && c.held() > 0).forEach(c -> heldBy(md, c));
        }
        if (!crashes.isEmpty()) {
            md.append("\n## Killed under load: SIGKILL during direct messages, restarted on the same database\n\n");
            md.append("Each user then reconnects with `since=0`: every acknowledged message must be in both its "
                    + "sender's and its recipient's stream, under the number its acknowledgement gave, each stream "
                    + "in order with nothing twice.\n\n");
            md.append("| target | users | offered/s | killed after s | sent by then | acknowledged | missing | twice "
                    + "| out of order | in the log, acknowledgement lost | restart s | kept |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            crashes.forEach(c -> md.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %.1f | %d | %d | %d | %d | %d | %d | %.1f | %s |%n", c.target(), c.users(),
                    c.perSecond(), c.killedAfterSeconds(), c.sentByKill(), c.check().acknowledged(),
                    c.check().missing(), c.check().twice(), c.check().outOfOrder(), c.check().storedUnacked(),
                    c.restartMillis() / 1000.0, c.check().kept() ? "yes" : "**no**")));
        }
        md.append("\n![latency of each scenario, against the goals](latency.png)\n");
        Files.writeString(directory.resolve("report.md"), md);
        ImageIO.write(new LatencyChart(users).draw(direct, cluster, broadcasts), "png",
                directory.resolve("latency.png").toFile());
    }

    private static String summary(List<String> outcomes) {
        Map<String, Long> counted = new LinkedHashMap<>();
        outcomes.forEach(outcome -> counted.merge(outcome, 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counted.forEach((outcome, count) -> parts.add(count + " " + outcome));
        return String.join(", ", parts);
    }

    private static int byP99(Histogram a, Histogram b) {
        return Long.compare(a.getValueAtPercentile(99), b.getValueAtPercentile(99));
    }
}
