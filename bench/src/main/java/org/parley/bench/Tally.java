package org.parley.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    /** @param audience how many users each message should reach: 1 for direct messages, everyone for broadcasts */
    Tally(int audience) {
        this.audience = audience;
    }

    void received(long seq, long scheduledNanos, long nowNanos) {
        long micros = Math.max(0, (nowNanos - scheduledNanos) / 1000);
        latency.recordValue(micros);
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

    /** Messages sent that did not reach everyone they were for. */
    long lost() {
        return sent.get() - received.size();
    }

    long complete() {
        return received.size();
    }
}
