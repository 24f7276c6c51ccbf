package org.parley.live.control;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The connection pool's contents: who is online, on which connections; and, when other servers share the chat, who
 * is online only on those ({@link #placeElsewhere}). {@link ConnectionRegistry} holds the one instance.
 * <p>
 * Reading never waits (concurrent maps). Changing who is online happens {@linkplain #underLine under the user's
 * line}. What a connection is sent, and in which order, is not decided here but by its {@link StreamGate}.
 */
public final class Connections {

    // a line is held only to join or leave; more lines, fewer users sharing one
    private static final int LINES = 1024;

    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    // the other servers each user is online on, as they last said
    private final ConcurrentHashMap<String, Set<String>> elsewhere = new ConcurrentHashMap<>();
    // users online here or elsewhere; changed only holding the user's line, with the two maps
    private final AtomicInteger online = new AtomicInteger();
    private final Object[] lines = Stream.generate(Object::new).limit(LINES).toArray();

    /**
     * Does {@code work} holding the user's line: one of a fixed set of monitors, so unrelated users rarely share one
     * and the set never grows. Everything that changes who is online, together with telling it, happens here, so
     * that one user's "online" and "offline" never cross. The work may take, in this order, a connection's
     * {@link StreamGate} and then its {@link Outbox}, never another line, and calls no container service.
     */
    public void underLine(String user, Runnable work) {
        synchronized (lines[Math.floorMod(user.hashCode(), LINES)]) {
            work.run();
        }
    }

    /** How many people are online here (not counting other servers). */
    public int onlineHere() {
        return byUser.size();
    }

    /**
     * Called under the user's line.
     *
     * @return whether this is the user's first connection here (they are online elsewhere too when
     *         {@link #isElsewhere})
     */
    public boolean add(Connection connection) {
        AtomicBoolean first = new AtomicBoolean();
        byUser.compute(connection.user().value(), (user, connections) -> {
            Set<Connection> set = connections;
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                first.set(true);
            }
            set.add(connection);
            return set;
        });
        if (first.get() && !isElsewhere(connection.user().value())) {
            online.incrementAndGet();
        }
        return first.get();
    }

    /** Called under the user's line. @return whether this was the user's last connection here */
    public boolean remove(Connection connection) {
        AtomicBoolean last = new AtomicBoolean();
        byUser.computeIfPresent(connection.user().value(), (user, connections) -> {
            if (connections.remove(connection) && connections.isEmpty()) {
                last.set(true);
                return null;
            }
            return connections;
        });
        if (last.get() && !isElsewhere(connection.user().value())) {
            online.decrementAndGet();
        }
        return last.get();
    }

    /**
     * Another server says the user is online there. Called under the user's line.
     *
     * @return whether the user just came online, having been online nowhere
     */
    public boolean placeElsewhere(String user, String server) {
        boolean nowhere = !isOnline(user);
        elsewhere.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(server);
        if (nowhere) {
            online.incrementAndGet();
        }
        return nowhere;
    }

    /**
     * Another server says the user is no longer online there. Called under the user's line.
     *
     * @return whether the user just went offline, being online nowhere now
     */
    public boolean removeElsewhere(String user, String server) {
        boolean[] was = new boolean[1];
        elsewhere.computeIfPresent(user, (u, servers) -> {
            was[0] = servers.remove(server);
            return servers.isEmpty() ? null : servers;
        });
        boolean gone = was[0] && !isOnline(user);
        if (gone) {
            online.decrementAndGet();
        }
        return gone;
    }

    public boolean isElsewhere(String user) {
        return elsewhere.containsKey(user);
    }

    /** Whether anyone is online on another server, as the others last said. */
    public boolean anyoneElsewhere() {
        return !elsewhere.isEmpty();
    }

    /** @return each other server with the users online there, as they last said */
    public Map<String, Set<String>> elsewhereByServer() {
        Map<String, Set<String>> byServer = new HashMap<>();
        elsewhere.forEach((user, servers) -> servers.forEach(
                server -> byServer.computeIfAbsent(server, s -> new HashSet<>()).add(user)));
        return byServer;
    }

    public Set<Connection> connectionsOf(String user) {
        return byUser.getOrDefault(user, Set.of());
    }

    public Stream<Connection> all() {
        return byUser.values().stream().flatMap(Set::stream);
    }

    /** Whether the user is online, here or on another server. */
    public boolean isOnline(String user) {
        return byUser.containsKey(user) || elsewhere.containsKey(user);
    }

    /** How many users are online, here or on other servers. */
    public int onlineCount() {
        return online.get();
    }

    /** @return up to {@code max} online users whose names start with {@code prefix} and sort after {@code after} */
    public List<String> onlineUsers(String prefix, String after, int max) {
        return everyoneOnline()
                .filter(user -> user.startsWith(prefix) && user.compareTo(after) > 0)
                .sorted().limit(max).toList();
    }

    public List<String> onlineUsers() {
        return everyoneOnline().sorted().toList();
    }

    private Stream<String> everyoneOnline() {
        if (elsewhere.isEmpty()) {
            return byUser.keySet().stream();
        }
        return Stream.concat(byUser.keySet().stream(), elsewhere.keySet().stream()).distinct();
    }
}
