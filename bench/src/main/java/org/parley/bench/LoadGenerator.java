package org.parley.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Drives simulated users against a {@link Target}. Load is open-loop: sends are scheduled at a fixed rate and each
 * carries its scheduled time, so a server that falls behind shows it as latency instead of slowing the load down.
 */
final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoadGenerator.class.getName());

    static final int BATCH = 500;
    private static final int OPENING_AT_ONCE = 200;
    // the rooms one person may make at once: parley.room.creates.per.hour's burst, by default
    private static final int ROOMS_A_MAKER = 10;
    // the classes of the heap a capacity run names, those that grew most while its connections were opened
    private static final int HISTOGRAM_ROWS = 15;
    // tickets and accounts come over HTTP before timing starts; the server has one core, so a few at once suffice
    private static final int PREPARING_AT_ONCE = 4;

    private final BenchNetwork network = new BenchNetwork();
    private final ExecutorService preparing = Executors.newFixedThreadPool(PREPARING_AT_ONCE);
    private final Target target;
    // the other server of a chat of two, whose CPU a step on this one reports beside its own; null for none
    private Target peer;

    LoadGenerator(Target target) {
        this.target = target;
        CoreLoad.MACHINE.start();
    }

    /** Reports {@code other}'s CPU beside the target's: the other server of the target's chat. */
    LoadGenerator beside(Target other) {
        peer = other;
        return this;
    }

    /**
     * {@code sendLag}: how late the generator sent each message after its scheduled time (microseconds);
     * {@code generatorCpu}: the generator's CPU time over the step's wall time, in cores. Both show whether the
     * generator, not the target, limited the step. {@code pageReadsPerMessage}: the pages Derby read from disk
     * during the step, per message sent (NaN where not known: the baseline, the cluster). {@code orderHeldMicros}:
     * per message sent, the time the servers of a chat held the order every one of them numbers in (NaN alone).
     * {@code serverCpu}, {@code peerCpu}: the CPU time of the target's JVM and of the other server of its chat over
     * the step's wall time, in cores (NaN where not known). {@code slowestSeconds}: when the step's slowest messages
     * were sent ({@link Tally#slowestSeconds}), with how busy each core was then ({@link CoreLoad}).
     */
    record DirectResult(String target, int users, int offeredPerSecond, double deliveredPerSecond, Histogram latency,
            long sent, long lost, long duplicated, long refused, Histogram sendLag, double generatorCpu,
            double pageReadsPerMessage, double orderHeldMicros, double serverCpu, double peerCpu,
            String slowestSeconds) {
    }

    record BroadcastResult(String target, int users, int broadcasts, Histogram timeToLastDelivery, long lost,
            long duplicated) {
    }

    record BacklogResult(int messages, long keepMillis, long drainMillis, boolean inOrder, long lost) {
    }

    /**
     * A room of {@code members} with {@code connected} of them online while {@code messages} went to it at
     * {@code perSecond}: from each scheduled send to its last connected recipient; {@code joinMillis} each member's
     * join, from its frame to its acknowledgement.
     */
    /** A room list's answers, in microseconds; what the last of them listed. */
    record RoomListResult(String target, int rooms, int asks, Histogram micros, int listed, long unread) {
    }

    record RoomResult(String target, int members, int connected, int perSecond, int messages,
            Histogram timeToLastDelivery, Histogram joinMillis, long lost, long duplicated, long refused) {
    }

    /**
     * @param before and {@code after} are null when the server's memory cannot be read, and {@code grown} is empty
     * @param grown  the classes whose live objects grew most while the connections were opened, the most first
     * @param grownParley how much of that growth is objects of Parley's own classes ({@code org.parley.*}), not
     *                    counting the arrays and strings they hold
     */
    record CapacityResult(String target, int wanted, int held, long seconds, String stoppedBy, ServerMemory before,
            ServerMemory after, List<ClassHistogram.Growth> grown, long grownParley) {

        long heapPerConnection() {
            return before == null || held == 0 ? -1 : (after.liveHeapBytes() - before.liveHeapBytes()) / held;
        }
    }

    record SlowConsumerResult(String target, int users, int slow, int perSecond, Histogram othersBefore,
            Histogram othersDuring, long othersLost, long othersRefused, ServerMemory before, ServerMemory during,
            List<String> slowOutcomes) {
    }

    /**
     * A server killed (SIGKILL) {@code killedAfterSeconds} into a run of direct messages at {@code perSecond}, then
     * started again on its database: what the generator had sent by the kill, how long the restart took, and what
     * the log kept ({@link CrashCheck}).
     */
    record CrashResult(String target, int users, int perSecond, double killedAfterSeconds, long sentByKill,
            long restartMillis, CrashCheck.Result check) {
    }

    /** {@code closedByServer}: close code (or -1, no close frame) → how many of those held were closed by the server */
    /** @param failedBecause why those who failed did, by what their client said, the most common first */
    record JoinStormResult(String target, int people, int perSecond, int welcomed, int failed, long lastWelcomeMillis,
            Map<Integer, Long> closedByServer, ServerMemory after, Map<String, Long> failedBecause) {
    }

    record ChurnResult(String target, long seconds, long sampleSeconds, long sessions, List<ServerMemory> heap, List<String> leftOnline) {
    }

    /** Signs each up and fetches a ticket where the target needs one; in parallel, before any timing starts. */
    private List<URI> prepare(List<String> names) {
        return passes(names).stream().map(Target.Pass::socket).toList();
    }

    private List<Target.Pass> passes(List<String> names) {
        target.awaitResponsive();
        List<CompletableFuture<Target.Pass>> passes = names.stream().map(name -> CompletableFuture.supplyAsync(() -> {
            target.prepare(name);
            return target.pass(name);
        }, preparing)).toList();
        return passes.stream().map(CompletableFuture::join).toList();
    }

    private static List<String> names(String prefix, int count) {
        String run = prefix + UUID.randomUUID().toString().substring(0, 6);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(run + "-" + i);
        }
        return names;
    }

    List<BenchUser> connect(String prefix, int count, Tally tally) {
        return connect(names(prefix, count), tally, 0);
    }

    private List<BenchUser> connect(List<String> names, Tally tally, int receiveBuffer) {
        return open(names, prepare(names), tally, receiveBuffer);
    }

    private List<BenchUser> open(List<String> names, List<URI> uris, Tally tally, int receiveBuffer) {
        List<BenchUser> users = new ArrayList<>(names.size());
        for (int from = 0; from < names.size(); from += OPENING_AT_ONCE) {
            List<CompletableFuture<BenchUser>> opening = new ArrayList<>();
            for (int i = from; i < Math.min(names.size(), from + OPENING_AT_ONCE); i++) {
                opening.add(BenchUser.open(network, receiveBuffer, uris.get(i), names.get(i), tally));
            }
            opening.forEach(user -> users.add(user.join()));
        }
        awaitQuiet(users);
        return users;
    }

    /**
     * Each arrival is told to everyone already there (coalesced, at most one presence frame each per interval); a
     * scenario about people who are online starts once those have been delivered.
     */
    private static void awaitQuiet(List<BenchUser> users) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long last = -1;
        long now = users.stream().mapToLong(BenchUser::framesReceived).sum();
        while (now != last && System.nanoTime() < deadline) {
            last = now;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            now = users.stream().mapToLong(BenchUser::framesReceived).sum();
        }
    }

    /**
     * Each user sends direct messages to random others; {@code perSecond} in all, for {@code warmupSeconds} uncounted
     * and then, once those have arrived, for {@code seconds}: what is counted runs on a generator and a target that
     * have compiled their code, grown their buffers and their heap for this rate.
     */
    DirectResult direct(int userCount, int perSecond, double warmupSeconds, double seconds) {
        Tally warmup = new Tally(1);
        List<BenchUser> users = connect("d", userCount, warmup);
        long warmupTotal = Math.round(perSecond * warmupSeconds);
        target.derbyPageMisses(); // Derby counts from the first time it is asked
        sendDirect(users, users, perSecond, System.nanoTime(), warmupTotal, 0);
        drain(warmup, warmupTotal);
        Tally tally = new Tally(1);
        users.forEach(user -> user.countInto(tally));
        long total = Math.round(perSecond * seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        double missesBefore = target.derbyPageMisses();
        double heldBefore = target.orderHeldSeconds();
        double[] serversBefore = {target.cpuSeconds(), cpuOf(peer)};
        long cpuBefore = processCpuNanos();
        Histogram lag = sendDirect(users, users, perSecond, start, total, warmupTotal);
        drain(tally, total);
        sayWhyMissing(users, tally);
        DirectResult result = result(target.label(), userCount, perSecond, seconds, tally, start, cpuBefore, lag,
                (target.derbyPageMisses() - missesBefore) / total,
                (target.orderHeldSeconds() - heldBefore) * 1e6 / total, serversBefore, peer);
        users.forEach(BenchUser::close);
        return result;
    }

    /**
     * What a step of {@code seconds} that started at {@code start} (nanos) saw, once its messages are drained;
     * {@code serversBefore}: the CPU seconds of the target and of {@code peer} as it started.
     */
    private DirectResult result(String label, int userCount, int perSecond, double seconds, Tally tally,
            long start, long cpuBefore, Histogram sendLag, double pageReadsPerMessage, double orderHeldMicros,
            double[] serversBefore, Target peer) {
        long wall = System.nanoTime() - start;
        double cpu = (processCpuNanos() - cpuBefore) / (double) wall;
        double wallSeconds = wall / 1e9;
        return new DirectResult(label, userCount, perSecond, tally.complete() / Math.max(seconds, wallSeconds),
                tally.latency(), tally.sent.get(), tally.lost(), tally.duplicated.get(), tally.refused.get(), sendLag,
                cpu, pageReadsPerMessage, orderHeldMicros, (target.cpuSeconds() - serversBefore[0]) / wallSeconds,
                (cpuOf(peer) - serversBefore[1]) / wallSeconds, tally.slowestSeconds(3, CoreLoad.MACHINE::at));
    }

    private static double cpuOf(Target server) {
        return server == null ? Double.NaN : server.cpuSeconds();
    }

    /**
     * Half the users on this generator's server, half on {@code other}'s, of one chat of two servers; every message
     * goes to someone on the other server, each way in turn: {@code perSecond} in all, for {@code warmupSeconds}
     * uncounted and then for {@code seconds}, as {@link #direct}.
     */
    DirectResult across(LoadGenerator other, int userCount, int perSecond, double warmupSeconds, double seconds) {
        Tally warmup = new Tally(1);
        List<BenchUser> here = connect("a", userCount / 2, warmup);
        List<BenchUser> there = other.connect("b", userCount / 2, warmup);
        long warmupTotal = Math.round(perSecond * warmupSeconds);
        sendAcross(here, there, perSecond, System.nanoTime(), warmupTotal, 0);
        drain(warmup, warmupTotal);
        Tally tally = new Tally(1);
        here.forEach(user -> user.countInto(tally));
        there.forEach(user -> user.countInto(tally));
        long total = Math.round(perSecond * seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        double heldBefore = target.orderHeldSeconds() + other.target.orderHeldSeconds();
        double[] serversBefore = {target.cpuSeconds(), other.target.cpuSeconds()};
        long cpuBefore = processCpuNanos();
        Histogram lag = sendAcross(here, there, perSecond, start, total, warmupTotal);
        drain(tally, total);
        double held = target.orderHeldSeconds() + other.target.orderHeldSeconds() - heldBefore;
        DirectResult result = result(target.label() + " to " + other.target.label(), userCount, perSecond, seconds,
                tally, start, cpuBefore, lag, Double.NaN, held * 1e6 / total, serversBefore, other.target);
        here.forEach(BenchUser::close);
        there.forEach(BenchUser::close);
        return result;
    }

    /** As {@link #sendDirect}, each message to someone on the other server, each way in turn. */
    private Histogram sendAcross(List<BenchUser> here, List<BenchUser> there, int perSecond, long start, long total,
            long firstSeq) {
        SplittableRandom random = new SplittableRandom(42 + firstSeq);
        // both servers' users are on this generator's loop and the other's; each loop paces its own senders
        return pace(start, total, perSecond, (i, scheduled) -> {
            List<BenchUser> senders = i % 2 == 0 ? here : there;
            List<BenchUser> recipients = i % 2 == 0 ? there : here;
            BenchUser from = senders.get((int) (i / 2 % senders.size()));
            from.write(recipients.get(random.nextInt(recipients.size())).name, BenchUser.body(firstSeq + i, scheduled),
                    true);
            return from;
        });
    }

    /**
     * Sends {@code total} messages from {@code senders} to random {@code recipients}, numbered from firstSeq, paced on
     * the event loop.
     *
     * @return how late each was sent, in microseconds
     */
    private Histogram sendDirect(List<BenchUser> senders, List<BenchUser> recipients, int perSecond, long start,
            long total, long firstSeq) {
        SplittableRandom random = new SplittableRandom(42 + firstSeq);
        return pace(start, total, perSecond, (i, scheduled) -> {
            BenchUser from = senders.get((int) (i % senders.size()));
            BenchUser to = recipients.get(random.nextInt(recipients.size()));
            while (to == from) {
                to = recipients.get(random.nextInt(recipients.size()));
            }
            from.write(to.name, BenchUser.body(firstSeq + i, scheduled), true);
            return from;
        });
    }

    /** Writes message {@code i}, scheduled for {@code scheduledNanos}, unflushed; returns whose connection it was. */
    interface PacedSend {
        BenchUser send(long i, long scheduledNanos);
    }

    /**
     * Sends {@code total} messages, the i-th at {@code start + i / perSecond}, from the event loop itself: a tick
     * every 100 µs writes whatever is due and flushes each connection written once. Writing from another thread would
     * hand every message to the loop as a task and wake it each time, which is what limited this generator at about
     * 4,000 messages a second before. Waits until all are sent.
     *
     * @return how late each was sent, in microseconds
     */
    private Histogram pace(long start, long total, int perSecond, PacedSend send) {
        Histogram lag = new Histogram(3);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        CompletableFuture<Void> done = new CompletableFuture<>();
        long[] next = {0};
        Set<BenchUser> written = new HashSet<>();
        var tick = network.loop.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            try {
                while (next[0] < total && start + next[0] * interval <= now) {
                    long scheduled = start + next[0] * interval;
                    written.add(send.send(next[0], scheduled));
                    lag.recordValue(Math.max(0, (now - scheduled) / 1000));
                    next[0]++;
                }
                written.forEach(BenchUser::flush);
                written.clear();
                if (next[0] >= total) {
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, Math.max(0, TimeUnit.NANOSECONDS.toMicros(start - System.nanoTime())), 100, TimeUnit.MICROSECONDS);
        try {
            done.join();
        } finally {
            tick.cancel(false);
        }
        return lag;
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

    /**
     * A room of {@code members}: they sign up, one makes the room, everyone joins (the {@code connected} on
     * connections they keep, the rest on connections opened for the join); then, at each rate of {@code rates} in
     * turn, messages go to the room from the connected, in turn, for a warm-up and for {@code seconds}, each counted
     * at every connected member (its sender included: a room's message comes back to its sender's connections too).
     *
     * @return a result for each rate; the joins are the same in each
     */
    List<RoomResult> room(int members, int connected, int[] rates, int warmupSeconds, int seconds) {
        Tally warmup = new Tally(connected);
        List<String> names = names("r", members);
        List<URI> uris = prepare(names);
        BenchUser owner = open(names.subList(0, 1), uris.subList(0, 1), warmup, 0).get(0);
        owner.sendRaw("{\"type\":\"room\",\"action\":\"create\",\"public\":true,\"name\":\"bench " + names.get(0)
                + "\"}");
        owner.awaitAnswers(1);
        String room = owner.ackedConversation();
        if (room == null || !room.startsWith("#")) {
            throw new IllegalStateException("the room was not made: " + room);
        }
        Histogram joins = new Histogram(TimeUnit.MINUTES.toMillis(1), 3);
        String join = "{\"type\":\"room\",\"action\":\"join\",\"room\":\"" + room + "\"}";
        // those who will not be online first: each join is an event every member online is sent
        for (int from = connected; from < members; from += OPENING_AT_ONCE) {
            int to = Math.min(members, from + OPENING_AT_ONCE);
            List<BenchUser> batch = open(names.subList(from, to), uris.subList(from, to), new Tally(1), 0);
            join(batch, join, joins);
            batch.forEach(BenchUser::close);
        }
        List<BenchUser> online = new ArrayList<>(List.of(owner));
        for (int from = 1; from < connected; from += OPENING_AT_ONCE) {
            int to = Math.min(connected, from + OPENING_AT_ONCE);
            List<BenchUser> batch = open(names.subList(from, to), uris.subList(from, to), warmup, 0);
            join(batch, join, joins);
            online.addAll(batch);
        }
        List<RoomResult> results = new ArrayList<>();
        int firstSeq = 0;
        for (int perSecond : rates) {
            Tally warm = new Tally(connected);
            online.forEach(member -> member.countInto(warm));
            firstSeq += roomMessages(online, room, perSecond, warmupSeconds, firstSeq);
            drain(warm, warm.sent.get());
            Tally tally = new Tally(connected);
            online.forEach(member -> member.countInto(tally));
            int sent = roomMessages(online, room, perSecond, seconds, firstSeq);
            firstSeq += sent;
            drain(tally, sent);
            results.add(new RoomResult(target.label(), members, connected, perSecond, sent,
                    tally.timeToLastDelivery(), joins, tally.lost(), tally.duplicated.get(), tally.refused.get()));
        }
        online.forEach(BenchUser::close);
        return results;
    }

    /**
     * One person in {@code rooms} public rooms, made by others ten at a time (the rooms one may make an hour), each
     * with a message from its maker after the person joined: then {@code asks} of the person's room list
     * ({@code GET /api/rooms}) one after another, each timed, after as many untimed. Every answer must list every
     * room with its one unread message and the message as its preview.
     */
    RoomListResult roomList(int rooms, int asks) {
        int makers = (rooms + ROOMS_A_MAKER - 1) / ROOMS_A_MAKER;
        List<String> names = names("l", makers + 1);
        List<URI> uris = prepare(names);
        List<BenchUser> people = open(names, uris, new Tally(1), 0);
        BenchUser reader = people.get(0);
        List<String> made = new ArrayList<>(rooms);
        // room i is made and spoken in by maker i / ROOMS_A_MAKER
        IntFunction<BenchUser> makerOf = i -> people.get(1 + i / ROOMS_A_MAKER);
        for (int i = 0; i < rooms; i++) {
            makerOf.apply(i).sendRaw("{\"type\":\"room\",\"action\":\"create\",\"public\":true,\"name\":\"list "
                    + names.get(0) + " " + i + "\"}");
            makerOf.apply(i).awaitAnswers(i % ROOMS_A_MAKER + 1);
            String room = makerOf.apply(i).ackedConversation();
            if (room == null || !room.startsWith("#") || (!made.isEmpty() && room.equals(made.get(made.size() - 1)))) {
                throw new IllegalStateException("room " + i + " was not made: " + room);
            }
            made.add(room);
        }
        made.forEach(room -> reader.sendRaw("{\"type\":\"room\",\"action\":\"join\",\"room\":\"" + room + "\"}"));
        reader.awaitAnswers(rooms);
        for (int i = 0; i < rooms; i++) {
            makerOf.apply(i).sendRaw("{\"type\":\"send\",\"to\":\"" + made.get(i) + "\",\"body\":\""
                    + BenchUser.body(i, System.nanoTime()) + "\"}");
        }
        // two answers a room of its maker's: the making and the message
        for (int k = 0; k < makers; k++) {
            people.get(1 + k).awaitAnswers(2L * Math.min(ROOMS_A_MAKER, rooms - k * ROOMS_A_MAKER));
        }
        String ticket = target.ticket(names.get(0));
        Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        int listed = 0;
        long unread = 0;
        for (int i = -asks; i < asks; i++) {
            long asked = System.nanoTime();
            String answer = target.getAs(ticket, "rooms");
            long took = System.nanoTime() - asked;
            if (i >= 0) {
                micros.recordValue(TimeUnit.NANOSECONDS.toMicros(took));
            }
            try (var json = Json.createReader(new StringReader(answer))) {
                List<JsonObject> list = json.readObject().getJsonArray("rooms").getValuesAs(JsonObject.class);
                listed = list.size();
                unread = list.stream().filter(room -> room.containsKey("last")).mapToLong(room -> room
                        .getJsonNumber("unread").longValue()).sum();
            }
            if (listed != rooms || unread != rooms) {
                throw new IllegalStateException("the list held " + listed + " rooms with " + unread
                        + " unread messages previewed, not " + rooms + " and " + rooms);
            }
        }
        people.forEach(BenchUser::close);
        return new RoomListResult(target.label(), rooms, asks, micros, listed, unread);
    }

    /** Everyone of the batch joins at once; each join timed from its frame to its answer. */
    private static void join(List<BenchUser> batch, String join, Histogram joins) {
        long asked = System.nanoTime();
        batch.forEach(member -> member.sendRaw(join));
        for (BenchUser member : batch) {
            member.awaitAnswers(1);
            joins.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)));
        }
    }

    /** {@code perSecond} messages to the room for {@code seconds}, from the members in turn; @return how many */
    private static int roomMessages(List<BenchUser> senders, String room, int perSecond, int seconds, int firstSeq) {
        int count = perSecond * seconds;
        long every = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * every;
            waitUntil(scheduled);
            senders.get(i % senders.size()).send(room, BenchUser.body(firstSeq + i, scheduled));
        }
        return count;
    }

    /** {@code messages} kept for one user while away, then the time from their connecting to the last one. */
    BacklogResult backlog(int messages) {
        Tally tally = new Tally(1);
        List<BenchUser> sender = connect("s", 1, tally);
        String away = "away" + UUID.randomUUID().toString().substring(0, 6);
        URI awayUri = prepare(List.of(away)).get(0);
        // in batches answered before the next: a sender that never reads its acks is a slow consumer (1013);
        // and all kept before the user comes, or some would arrive live instead of from the backlog
        long keeping = System.nanoTime();
        for (int seq = 0; seq < messages; seq++) {
            sender.get(0).send(away, BenchUser.body(seq, 0));
            if (seq % BATCH == BATCH - 1 || seq == messages - 1) {
                sender.get(0).awaitAnswers(seq + 1);
            }
        }
        long keepMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - keeping);
        sender.get(0).close();
        long connecting = System.nanoTime();
        BenchUser user = BenchUser.connect(network, awayUri, away, tally);
        drain(tally, messages);
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connecting);
        List<Long> order = user.offlineOrder();
        boolean inOrder = order.size() == messages;
        for (int i = 0; inOrder && i < messages; i++) {
            inOrder = order.get(i) == i;
        }
        user.close();
        return new BacklogResult(messages, keepMillis, drainMillis, inOrder, tally.lost());
    }

    /**
     * Signs up {@code wanted} people and reads the server's memory; then opens idle connections for them,
     * {@value #OPENING_AT_ONCE} at a time, until {@code wanted} are held, one fails, or {@code seconds} have passed;
     * then reads the server's memory again and lets them all go.
     */
    CapacityResult capacity(int wanted, long seconds) {
        Tally tally = new Tally(1);
        List<String> names = names("c", wanted);
        List<URI> uris = prepare(names);
        // read after the sign-ups, whose own traces (Derby's page cache filling with the accounts, pools growing)
        // are not what a connection costs
        ServerMemory before = target.memory();
        ClassHistogram classesBefore = target.histogram();
        List<BenchUser> held = new ArrayList<>(wanted);
        String stoppedBy = "reached " + wanted;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        opening:
        for (int from = 0; from < wanted; from += OPENING_AT_ONCE) {
            if (System.nanoTime() > deadline) {
                stoppedBy = "time limit of " + seconds + " s";
                break;
            }
            List<CompletableFuture<BenchUser>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(wanted, from + OPENING_AT_ONCE); i++) {
                batch.add(BenchUser.open(network, 0, uris.get(i), names.get(i), tally));
            }
            for (CompletableFuture<BenchUser> user : batch) {
                try {
                    held.add(user.join());
                } catch (CompletionException e) {
                    stoppedBy = "a connection failed: " + rootMessage(e);
                    batch.forEach(other -> other.thenAccept(BenchUser::close));
                    break opening;
                }
            }
        }
        long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        // idle means nothing left to write: the arrivals' presence frames delivered first
        awaitQuiet(held);
        ServerMemory after = target.memory();
        ClassHistogram classesAfter = target.histogram();
        held.forEach(BenchUser::close);
        return new CapacityResult(target.label(), wanted, held.size(), took, stoppedBy, before, after,
                classesBefore == null ? List.of() : classesAfter.grownSince(classesBefore, HISTOGRAM_ROWS),
                classesBefore == null ? 0 : classesAfter.bytesGrownSince(classesBefore, "org.parley."));
    }

    /**
     * Direct messages at {@code perSecond} among {@code userCount} people, each sent with a ref so that its
     * acknowledgement names it; {@code killAfterSeconds} in, {@code kill} ends the server (SIGKILL) while the sends go
     * on for as long again; {@code restart} starts it again on the same database. Then every user reconnects with
     * {@code since=0} and is sent their whole stream, which must hold every acknowledged message ({@link CrashCheck}).
     */
    CrashResult crash(int userCount, int perSecond, double killAfterSeconds, Runnable kill, Runnable restart) {
        List<BenchUser> users = connect("k", userCount, new Tally(1));
        Map<Long, CrashCheck.Sent> sent = new ConcurrentHashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long killAt = start + (long) (killAfterSeconds * 1e9);
        long[] sentByKill = new long[1];
        Thread killer = new Thread(() -> {
            LockSupport.parkNanos(killAt - System.nanoTime());
            sentByKill[0] = sent.size();
            kill.run();
        }, "bench-killer");
        killer.start();
        pace(start, Math.round(perSecond * killAfterSeconds * 2), perSecond, (i, scheduled) -> {
            BenchUser from = users.get((int) (i % users.size()));
            BenchUser to = users.get(random.nextInt(users.size()));
            while (to == from) {
                to = users.get(random.nextInt(users.size()));
            }
            sent.put(i, new CrashCheck.Sent(from.name, to.name));
            // after the kill these go nowhere: the connection is closed
            from.writeWithRef(to.name, BenchUser.body(i, scheduled), Long.toString(i));
            return from;
        });
        try {
            killer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Map<Long, Long> acked = new TreeMap<>();
        users.forEach(user -> user.acked().forEach((ref, seq) -> acked.put(Long.parseLong(ref), seq)));
        users.forEach(BenchUser::close);
        long restarting = System.nanoTime();
        restart.run();
        long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting);
        List<BenchUser> readers = new ArrayList<>(users.size());
        for (BenchUser user : users) {
            URI everything = URI.create(target.pass(user.name).socket() + "&since=0");
            readers.add(BenchUser.open(network, 0, everything, user.name, new Tally(1), true).join());
        }
        Map<String, List<CrashCheck.Received>> streams = new TreeMap<>();
        for (BenchUser reader : readers) {
            reader.caughtUp().orTimeout(120, TimeUnit.SECONDS).join();
            streams.put(reader.name, reader.stream());
        }
        readers.forEach(BenchUser::close);
        return new CrashResult(target.label(), userCount, perSecond, killAfterSeconds, sentByKill[0], restartMillis,
                CrashCheck.check(sent, acked, streams));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof TimeoutException ? "no welcome within 60 s" : String.valueOf(root);
    }

    /**
     * Direct messages among {@code userCount} users at {@code perSecond} for {@code seconds}, then as long again
     * with {@code slowCount} of them no longer reading while each is sent a stream of 4 KiB messages. Reports what
     * the others saw in each half, the server's heap after each, and what became of the slow ones.
     */
    SlowConsumerResult slowConsumers(int userCount, int slowCount, int perSecond, double seconds) {
        Tally before = new Tally(1);
        List<BenchUser> readers = connect("f", userCount - slowCount, before);
        // a small receive buffer, so that a reader that stops is felt by the server within seconds, not minutes
        List<BenchUser> slow = connect(names("slow", slowCount), new Tally(1), 4096);
        long total = Math.round(perSecond * seconds);
        // the same traffic in both phases; only whether the ten read differs
        sendWithPressure(readers, slow, perSecond, total, 0);
        drain(before, before.sent.get());
        ServerMemory memoryBefore = target.memory();

        Tally during = new Tally(1);
        readers.forEach(user -> user.countInto(during));
        slow.forEach(BenchUser::stopReading);
        sendWithPressure(readers, slow, perSecond, total, total);
        drain(during, during.sent.get());
        ServerMemory memoryDuring = target.memory();
        // a reader that does not read cannot see its connection close either; once it reads again, it can
        slow.forEach(BenchUser::resumeReading);
        // one 10 s allowance for all of them, not 10 s each: they were all stopped and resumed together
        long outcomeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> outcomes = slow.stream().map(user -> {
            try {
                int code = user.closedByServer().get(Math.max(0, outcomeDeadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                return code < 0 ? "closed by the server without a close frame" : "closed by the server with " + code;
            } catch (TimeoutException e) {
                return "still open";
            } catch (Exception e) {
                return "failed: " + e;
            }
        }).toList();
        readers.forEach(BenchUser::close);
        slow.forEach(BenchUser::close);
        return new SlowConsumerResult(target.label(), userCount, slowCount, perSecond, before.latency(),
                during.latency(), during.lost(), during.refused.get(), memoryBefore, memoryDuring, outcomes);
    }

    /**
     * People coming and going for {@code seconds}: {@code atOnce} at a time connect, send one message to someone
     * who stays, and close, over and over. The server's heap is read at the start and after every
     * {@code sampleSeconds}; at the end a newcomer's welcome tells who the server still thinks is online.
     */
    ChurnResult churn(int atOnce, long seconds, long sampleSeconds) {
        Tally tally = new Tally(1);
        BenchUser host = connect("host", 1, tally).get(0);
        List<String> names = names("churn", atOnce);
        List<Target.Pass> passes = new ArrayList<>(passes(names));
        List<ServerMemory> heap = new ArrayList<>();
        heap.add(target.memory());
        long start = System.nanoTime();
        long nextSample = start + TimeUnit.SECONDS.toNanos(sampleSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sessions = 0;
        while (System.nanoTime() < end) {
            List<CompletableFuture<BenchUser>> coming = new ArrayList<>();
            for (int i = 0; i < atOnce; i++) {
                // the same people come back round after round; a ticket running out is renewed just before its
                // connection, so that none ages while the others sign in
                if (passes.get(i).runningOut(Instant.now())) {
                    passes.set(i, target.pass(names.get(i)));
                }
                coming.add(BenchUser.open(network, 0, passes.get(i).socket(), names.get(i), tally));
            }
            for (CompletableFuture<BenchUser> user : coming) {
                BenchUser visitor = user.join();
                visitor.send(host.name, BenchUser.body(sessions++, System.nanoTime()));
            }
            drain(tally, tally.sent.get());
            coming.forEach(user -> user.join().close());
            if (System.nanoTime() >= nextSample) {
                heap.add(target.memory());
                nextSample += TimeUnit.SECONDS.toNanos(sampleSeconds);
            }
        }
        // the last ones' leaving is announced asynchronously; give it a moment before asking
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        heap.add(target.memory());
        List<String> late = names("late", 1);
        BenchUser newcomer = BenchUser.connect(network, prepare(late).get(0), late.get(0), new Tally(1));
        List<String> online = newcomer.onlineAtWelcome().stream()
                .filter(name -> !name.equals(host.name) && !name.equals(newcomer.name)).toList();
        newcomer.close();
        host.close();
        return new ChurnResult(target.label(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), sampleSeconds,
                sessions,
                heap, online);
    }

    /**
     * {@code people} connect at {@code perSecond}, open loop (each at its time, whether or not those before it are
     * in), and all stay: how many were welcomed (each may wait a minute), how many failed, and how many of those who
     * got in the server closed while they held on for {@code holdSeconds} after the last welcome. Everyone arriving is
     * news to everyone there, which is what such a storm tests.
     */
    JoinStormResult joinStorm(int people, int perSecond, long holdSeconds) {
        Tally tally = new Tally(1);
        List<String> names = names("j", people);
        // every account first, then every ticket: the tickets are as young as they can be when the storm begins (the
        // suite's last 6 s, and 150 sign-ups and tickets together took longer than that on a loaded machine)
        target.awaitResponsive();
        names.stream().map(name -> CompletableFuture.runAsync(() -> target.prepare(name), preparing)).toList()
                .forEach(CompletableFuture::join);
        List<URI> uris = names.stream().map(name -> CompletableFuture.supplyAsync(() -> target.pass(name).socket(),
                preparing)).toList().stream().map(CompletableFuture::join).toList();
        List<CompletableFuture<BenchUser>> opening = new ArrayList<>(people);
        long start = System.nanoTime();
        for (int i = 0; i < people; i++) {
            waitUntil(start + i * TimeUnit.SECONDS.toNanos(1) / perSecond);
            opening.add(BenchUser.open(network, 0, uris.get(i), names.get(i), tally));
        }
        List<BenchUser> held = new ArrayList<>(people);
        int failed = 0;
        Map<String, Long> failedBecause = new TreeMap<>();
        for (CompletableFuture<BenchUser> user : opening) {
            try {
                held.add(user.join());
            } catch (CompletionException e) {
                failed++;
                failedBecause.merge(String.valueOf(e.getCause()), 1L, Long::sum);
            }
        }
        long lastWelcomeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        waitUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds));
        Map<Integer, Long> closed = new TreeMap<>();
        for (BenchUser user : held) {
            CompletableFuture<Integer> code = user.closedByServer();
            if (code.isDone()) {
                closed.merge(code.join(), 1L, Long::sum);
            }
        }
        ServerMemory after = target.memory();
        held.forEach(BenchUser::close);
        return new JoinStormResult(target.label(), people, perSecond, held.size(), failed, lastWelcomeMillis, closed,
                after, failedBecause);
    }

    /** Waits for what is still on its way: until all has arrived, or nothing more has for two seconds. */
    /** When messages are missing once the drain gave up: how many of the users the server had closed, and why. */
    private static void sayWhyMissing(List<BenchUser> users, Tally tally) {
        if (tally.lost() == 0) {
            return;
        }
        Map<String, Long> closes = users.stream().filter(user -> user.closedByServer().isDone())
                .collect(Collectors.groupingBy(BenchUser::closeReason, TreeMap::new, Collectors.counting()));
        LOG.warning(() -> tally.lost() + " of " + tally.sent.get() + " not delivered within the drain; of "
                + users.size() + " users, closed: " + (closes.isEmpty() ? "none" : closes));
    }

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

    /**
     * {@code perSecond} sends from the readers: every other one 16 KiB for one of the {@code slow} (numbers only, so
     * that what does arrive still parses), uncounted; the rest to another reader, counted, numbered from firstSeq.
     */
    private void sendWithPressure(List<BenchUser> readers, List<BenchUser> slow, int perSecond, long total,
            long firstSeq) {
        String pressure = BenchUser.body(-1, 0) + "0".repeat(16 * 1024);
        SplittableRandom random = new SplittableRandom(7 + firstSeq);
        pace(System.nanoTime(), total, perSecond, (i, scheduled) -> {
            BenchUser from = readers.get((int) (i % readers.size()));
            if (i % 2 == 0) {
                from.write(slow.get((int) (i / 2 % slow.size())).name, pressure, false);
            } else {
                BenchUser to = readers.get(random.nextInt(readers.size()));
                while (to == from) {
                    to = readers.get(random.nextInt(readers.size()));
                }
                from.write(to.name, BenchUser.body(firstSeq + i, scheduled), true);
            }
            return from;
        });
    }

    /** CPU time of this whole JVM (the generator, with whatever else a scenario runs in it). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void waitUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }

    @Override
    public void close() {
        preparing.shutdownNow();
        network.close();
    }
}
