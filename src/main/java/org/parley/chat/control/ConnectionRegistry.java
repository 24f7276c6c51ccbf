package org.parley.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.parley.operations.control.ParleyMetrics;

/**
 * The connection pool: who is online, on which connections.
 * <p>
 * Concurrency is the bean's own (concurrent maps, no container lock), so reading the pool never waits. Joining or
 * leaving together with announcing it happens while holding {@link #lineOf(String) that user's line} ({@link Lobby}),
 * so one user's "online" and "offline" never cross: one of a fixed set of monitors, so unrelated users rarely share
 * one and the set never grows. What a connection is sent, and in which order, is not decided here but by its
 * {@link StreamGate}.
 */
@Singleton
// made as Parley starts, not at the first connection: its gauges are in the metrics from the first scrape
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ConnectionRegistry {

    // a line is held only to join or leave; more lines, fewer users sharing one
    private static final int LINES = 1024;

    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Object[] lines = Stream.generate(Object::new).limit(LINES).toArray();

    @Inject
    ParleyMetrics metrics;

    /** What the pool holds, read at each scrape of the metrics. */
    @PostConstruct
    void measured() {
        metrics.gauge("parley_connections", "Open WebSocket connections", () -> all().count());
        metrics.gauge("parley_users_online", "People with at least one open connection", this::onlineCount);
        metrics.gauge("parley_outbox_bytes", "Bytes queued for writing, over every connection",
                () -> all().mapToLong(Connection::queuedBytes).sum());
    }

    public Object lineOf(String user) {
        return lines[Math.floorMod(user.hashCode(), LINES)];
    }

    /** @return whether this is the user's first connection, that is, the user just came online */
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
        return first.get();
    }

    /** @return whether this was the user's last connection, that is, the user just went offline */
    public boolean remove(Connection connection) {
        AtomicBoolean last = new AtomicBoolean();
        byUser.computeIfPresent(connection.user().value(), (user, connections) -> {
            if (connections.remove(connection) && connections.isEmpty()) {
                last.set(true);
                return null;
            }
            return connections;
        });
        return last.get();
    }

    public Set<Connection> connectionsOf(String user) {
        return byUser.getOrDefault(user, Set.of());
    }

    public Stream<Connection> all() {
        return byUser.values().stream().flatMap(Set::stream);
    }

    public boolean isOnline(String user) {
        return byUser.containsKey(user);
    }

    public int onlineCount() {
        return byUser.size();
    }

    /** @return up to {@code max} online users whose names start with {@code prefix} and sort after {@code after} */
    public List<String> onlineUsers(String prefix, String after, int max) {
        return byUser.keySet().stream()
                .filter(user -> user.startsWith(prefix) && user.compareTo(after) > 0)
                .sorted().limit(max).toList();
    }

    public List<String> onlineUsers() {
        return byUser.keySet().stream().sorted().toList();
    }
}
