package org.parley.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives simulated users against a {@link Target}. Load is open-loop: sends are scheduled at a fixed rate and each
 * carries its scheduled time, so a server that falls behind shows it as latency instead of slowing the load down.
 */
final class LoadGenerator {

    private static final int BATCH = 500;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Target target;

    LoadGenerator(Target target) {
        this.target = target;
    }

    record DirectResult(String target, int users, int offeredPerSecond, double deliveredPerSecond, Histogram latency,
            long sent, long lost, long duplicated, long refused) {
    }

    record BroadcastResult(String target, int users, int broadcasts, Histogram timeToLastDelivery, long lost,
            long duplicated) {
    }

    record BacklogResult(int messages, long drainMillis, boolean inOrder, long lost) {
    }

    List<BenchUser> connect(String prefix, int count, Tally tally) {
        String run = prefix + UUID.randomUUID().toString().substring(0, 6);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(run + "-" + i);
            target.prepare(names.get(i));
        }
        List<BenchUser> users = new ArrayList<>();
        for (String name : names) {
            users.add(BenchUser.connect(http, target.socket(name), name, tally));
        }
        return users;
    }

    /** Each user sends direct messages to random others; {@code perSecond} in all, for {@code seconds}. */
    DirectResult direct(int userCount, int perSecond, double seconds) {
        Tally tally = new Tally(1);
        List<BenchUser> users = connect("d", userCount, tally);
        SplittableRandom random = new SplittableRandom(42);
        long total = Math.round(perSecond * seconds);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (long seq = 0; seq < total; seq++) {
            long scheduled = start + seq * interval;
            waitUntil(scheduled);
            int sender = (int) (seq % userCount);
            BenchUser from = users.get(sender);
            BenchUser to = users.get((sender + 1 + random.nextInt(userCount - 1)) % userCount);
            from.send(to.name, BenchUser.body(seq, scheduled));
        }
        drain(tally, total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        users.forEach(BenchUser::close);
        return new DirectResult(target.label(), userCount, perSecond, tally.complete() / Math.max(seconds, elapsed),
                tally.latency(), tally.sent.get(), tally.lost(), tally.duplicated.get(), tally.refused.get());
    }

    /** {@code broadcasts} messages to everyone, one every {@code everyMillis}, each from the next user. */
    BroadcastResult broadcast(int userCount, int broadcasts, long everyMillis) {
        Tally tally = new Tally(userCount);
        List<BenchUser> users = connect("b", userCount, tally);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int seq = 0; seq < broadcasts; seq++) {
            long scheduled = start + seq * TimeUnit.MILLISECONDS.toNanos(everyMillis);
            waitUntil(scheduled);
            users.get(seq % userCount).send(null, BenchUser.body(seq, scheduled));
        }
        drain(tally, broadcasts);
        users.forEach(BenchUser::close);
        return new BroadcastResult(target.label(), userCount, broadcasts, tally.timeToLastDelivery(), tally.lost(),
                tally.duplicated.get());
    }

    /** {@code messages} kept for one user while away, then the time from their connecting to the last one. */
    BacklogResult backlog(int messages) {
        Tally tally = new Tally(1);
        List<BenchUser> sender = connect("s", 1, tally);
        String away = "away" + UUID.randomUUID().toString().substring(0, 6);
        target.prepare(away);
        // in batches answered before the next: a sender that never reads its acks is a slow consumer (1013);
        // and all kept before the user comes, or some would arrive live instead of from the backlog
        for (int seq = 0; seq < messages; seq++) {
            sender.get(0).send(away, BenchUser.body(seq, 0));
            if (seq % BATCH == BATCH - 1 || seq == messages - 1) {
                sender.get(0).awaitAnswers(seq + 1);
            }
        }
        sender.get(0).close();
        long connecting = System.nanoTime();
        BenchUser user = BenchUser.connect(http, target.socket(away), away, tally);
        drain(tally, messages);
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connecting);
        List<Long> order = user.offlineOrder();
        boolean inOrder = order.size() == messages;
        for (int i = 0; inOrder && i < messages; i++) {
            inOrder = order.get(i) == i;
        }
        user.close();
        return new BacklogResult(messages, drainMillis, inOrder, tally.lost());
    }

    /** Waits for what is still on its way: until all has arrived, or nothing more has for two seconds. */
    private static void drain(Tally tally, long expected) {
        long last = tally.complete();
        long quietSince = System.nanoTime();
        while (tally.complete() < expected && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            if (tally.complete() != last) {
                last = tally.complete();
                quietSince = System.nanoTime();
            }
        }
    }

    private static void waitUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }
}
