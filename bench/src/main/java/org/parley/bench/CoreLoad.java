package org.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * How busy each core of the machine was in each second (UTC, from {@code /proc/stat}): to tell, of a step's slowest
 * second, whether the servers' core was saturated then. Sampled by one daemon thread on every whole second.
 */
final class CoreLoad {

    /** The machine's, sampling from its first use. */
    static final CoreLoad MACHINE = new CoreLoad(Path.of("/proc/stat"));

    // each core's busy and waiting-for-the-disk percentages over the second that began at the key (epoch seconds)
    private final Map<Long, int[][]> bySecond = new ConcurrentHashMap<>();
    private final Path stat;
    private long[][] last;
    private ScheduledExecutorService sampler;

    CoreLoad(Path stat) {
        this.stat = stat;
    }

    /** Starts sampling, if not already, on each whole second from the next. */
    synchronized void start() {
        if (sampler != null) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "core-load");
            thread.setDaemon(true);
            return thread;
        });
        long now = System.currentTimeMillis();
        // counted, not read from the clock: a sample the busy generator ran late still ends its own second
        AtomicLong second = new AtomicLong(now / 1000 + 1);
        sampler.scheduleAtFixedRate(() -> sample(second.getAndIncrement()), 1000 - now % 1000, 1000,
                TimeUnit.MILLISECONDS);
    }

    /**
     * "core 0 97%, core 1 41% (disk wait 30%)" in the second starting at {@code epochSecond}: how busy each core was,
     * and how long it waited idle for the disk where it did; or "cores not sampled".
     */
    String at(long epochSecond) {
        int[][] shares = bySecond.get(epochSecond);
        if (shares == null) {
            return "cores not sampled";
        }
        List<String> cores = new ArrayList<>();
        for (int core = 0; core < shares.length; core++) {
            int[] share = shares[core];
            cores.add("core " + core + " " + share[0] + "%" + (share[1] > 0 ? " (disk wait " + share[1] + "%)" : ""));
        }
        return String.join(", ", cores);
    }

    /** Reads the counters at the start of {@code second} (epoch seconds): the second before it is done. */
    void sample(long second) {
        try {
            long[][] now = parse(Files.readString(stat));
            if (last != null && last.length == now.length) {
                bySecond.put(second - 1, shares(last, now));
            }
            last = now;
        } catch (IOException | RuntimeException e) {
            // a second not sampled says so where it is asked for
            last = null;
        }
    }

    /** Each core's {busy, total, disk wait} jiffies from the text of {@code /proc/stat} (the lines cpu0, cpu1, ...). */
    static long[][] parse(String procStat) {
        List<long[]> cores = procStat.lines().filter(line -> line.matches("cpu\\d+ .*")).map(line -> {
            String[] fields = line.trim().split("\\s+");
            // user, nice, system, idle, iowait, irq, softirq, steal: the guest times after them are within user's
            long total = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            // idle and iowait, the fourth and fifth numbers, are the core doing nothing
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total, Long.parseLong(fields[5])};
        }).collect(Collectors.toList());
        return cores.toArray(long[][]::new);
    }

    /** Each core's {busy, disk wait} percentages between two readings. */
    static int[][] shares(long[][] before, long[][] after) {
        int[][] shares = new int[after.length][];
        for (int core = 0; core < after.length; core++) {
            long total = after[core][1] - before[core][1];
            shares[core] = new int[] {percent(after[core][0] - before[core][0], total),
                percent(after[core][2] - before[core][2], total)};
        }
        return shares;
    }

    private static int percent(long part, long total) {
        return total <= 0 ? 0 : (int) Math.round(100.0 * part / total);
    }
}
