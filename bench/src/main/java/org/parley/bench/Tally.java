package org.parley.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one run saw: latency from each message's scheduled send time to its receipt (microseconds), and what was
 * lost, duplicated or refused. Shared by every user of the run; safe for their threads.
 */
final class Tally {

    private final Recorder latency = new Recorder(3);
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final Map<Long, AtomicInteger> fanOut = new ConcurrentHashMap<>();
    private final Recorder lastDelivery = new Recorder(3);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    private final int audience;
    /** The worst latency of the messages scheduled in each second (epoch seconds): when a step's tail happened. */
    private final Map<Long, LongAccumulator> worstBySecond = new ConcurrentHashMap<>();
    private final long epochNanosAtNanoZero = System.currentTimeMillis() * 1_000_000 - System.nanoTime();

    /** @param audience how many users each message should reach: 1 for direct messages, everyone for broadcasts */
    Tally(int audience) {
        this.audience = audience;
    }

    void received(long seq, long scheduledNanos, long nowNanos) {
        long micros = Math.max(0, (nowNanos - scheduledNanos) / 1000);
        latency.recordValue(micros);
        worstBySecond.computeIfAbsent((scheduledNanos + epochNanosAtNanoZero) / 1_000_000_000L,
                second -> new LongAccumulator(Math::max, 0)).accumulate(micros);
        if (audience == 1) {
            if (!received.add(seq)) {
                duplicated.incrementAndGet();
            }
            return;
        }
        int reached = fanOut.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
        if (reached > audience) {
            duplicated.incrementAndGet();
        } else if (reached == audience) {
            received.add(seq);
            lastDelivery.recordValue(micros);
        }
    }

    Histogram latency() {
        return latency.getIntervalHistogram();
    }

    Histogram timeToLastDelivery() {
        return lastDelivery.getIntervalHistogram();
    }

    /**
     * The {@code count} seconds (UTC) whose messages were slowest, each with its slowest message, slowest first: to
     * line a step's tail up with the servers' and the database's logs; each followed by what {@code about} says of
     * that second (epoch seconds), in parentheses, unless it says nothing.
     */
    String slowestSeconds(int count, LongFunction<String> about) {
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        return worstBySecond.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, LongAccumulator> e) -> e.getValue().get()).reversed())
                .limit(count)
                .map(e -> {
                    String said = about.apply(e.getKey());
                    return clock.format(Instant.ofEpochSecond(e.getKey())) + " " + e.getValue().get() / 1000 + " ms"
                            + (said.isEmpty() ? "" : " (" + said + ")");
                })
                .collect(Collectors.joining(", "));
    }

    /** Messages sent that did not reach everyone they were for. */
    long lost() {
        return sent.get() - received.size();
    }

    long complete() {
        return received.size();
    }
}
