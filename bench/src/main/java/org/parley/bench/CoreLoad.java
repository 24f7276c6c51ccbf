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
import java.util.stream.Collectors;

/**
 * How busy each core of the machine was in each second (UTC, from {@code /proc/stat}): to tell, of a step's slowest
 * second, whether the servers' core was saturated then. Sampled by one daemon thread on every whole second.
 */
final class CoreLoad {

    /** The machine's, sampling from its first use. */
    static final CoreLoad MACHINE = new CoreLoad(Path.of("/proc/stat"));

    // the busy percentage of each core over the second that began at the key (epoch seconds)
    private final Map<Long, int[]> bySecond = new ConcurrentHashMap<>();
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
        long toNextSecond = 1000 - System.currentTimeMillis() % 1000;
        sampler.scheduleAtFixedRate(() -> sample(Math.round(System.currentTimeMillis() / 1000.0)), toNextSecond, 1000,
                TimeUnit.MILLISECONDS);
    }

    /** "core 0 97%, core 1 41%" in the second starting at {@code epochSecond}, or "cores not sampled". */
    String at(long epochSecond) {
        int[] busy = bySecond.get(epochSecond);
        if (busy == null) {
            return "cores not sampled";
        }
        List<String> cores = new ArrayList<>();
        for (int core = 0; core < busy.length; core++) {
            cores.add("core " + core + " " + busy[core] + "%");
        }
        return String.join(", ", cores);
    }

    /** Reads the counters at the start of {@code second} (epoch seconds): the second before it is done. */
    void sample(long second) {
        try {
            long[][] now = parse(Files.readString(stat));
            if (last != null && last.length == now.length) {
                bySecond.put(second - 1, busyPercent(last, now));
            }
            last = now;
        } catch (IOException | RuntimeException e) {
            // a second not sampled says so where it is asked for
            last = null;
        }
    }

    /** Each core's {busy, total} jiffies from the text of {@code /proc/stat} (the lines cpu0, cpu1, ...). */
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
            return new long[] {total - idle, total};
        }).collect(Collectors.toList());
        return cores.toArray(long[][]::new);
    }

    static int[] busyPercent(long[][] before, long[][] after) {
        int[] busy = new int[after.length];
        for (int core = 0; core < after.length; core++) {
            long total = after[core][1] - before[core][1];
            busy[core] = total <= 0 ? 0 : (int) Math.round(100.0 * (after[core][0] - before[core][0]) / total);
        }
        return busy;
    }
}
