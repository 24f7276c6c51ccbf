package org.parley.live.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.parley.log.control.MessageStore;
import org.parley.log.entity.Conversation;
import org.parley.protocol.ServerFrame;

/**
 * Who is told who came and went. Changes are gathered and sent every {@code parley.presence.interval} as one frame
 * per connection carrying all of them, never one frame per change: a crowd arriving at once costs each person a
 * few frames, not one per arrival.
 * <p>
 * While fewer than {@code parley.presence.crowd} people are online, everyone hears of everyone, as the original
 * design promised. A connection made while that many or more are online is in a crowd: its welcome lists only its user's conversation
 * partners who are online, and it hears only of them, of whoever its page asks about ({@code watch}), and the
 * online count. Each connection keeps the regime it joined in, so that a list it was given stays true.
 */
@ApplicationScoped
public class PresenceBoard {

    private static final Logger LOG = Logger.getLogger(PresenceBoard.class.getName());
    // partners looked up for a connection in a crowd, the latest conversations first
    private static final int MAX_PARTNERS = 500;
    // a frame with only the count, in a crowd, at most this often
    private static final long COUNT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    LiveSettings settings;

    @Inject
    Connections connections;

    @Inject
    MessageStore store;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final PresenceChanges changes = new PresenceChanges();
    private final Map<Connection, PresenceFeed> feeds = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flushing;
    // touched by the flush only, which never runs twice at once
    private int countSent = -1;
    private long countSentAt;

    /** What a joining connection is told in its welcome besides its regime: who is online, and how many. */
    public record Welcome(List<String> online, int count) {
    }

    @PostConstruct
    void start() {
        long interval = settings.presenceInterval().toMillis();
        flushing = scheduler.scheduleWithFixedDelay(this::flushSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        flushing.cancel(false);
    }

    /** Whether a connection made now is in a crowd; asked before {@link #joined}, outside the user's line. */
    public boolean crowded() {
        return connections.onlineCount() >= settings.presenceCrowd();
    }

    /** The people {@code user} has direct conversations with, the latest first, for a connection in a crowd. */
    public Set<String> partnersOf(String user) {
        return store.directConversationsOf(user).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(MAX_PARTNERS)
                .flatMap(entry -> Conversation.parse(entry.getKey()).stream())
                .map(conversation -> conversation.partnerOf(user))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Registers a connection, already in the pool, and returns what its welcome says. Called holding the user's
     * line; the feed holds its frames until {@link #welcomed}, so the welcome goes first, and it is registered before
     * the list is read, so that any change after the list reaches it.
     */
    public Welcome joined(Connection connection, boolean crowd, Set<String> partners) {
        PresenceFeed feed = new PresenceFeed(connection.user().value(), crowd, partners, connection::send);
        feeds.put(connection, feed);
        List<String> online = crowd
                ? partners.stream().filter(connections::isOnline).sorted().toList()
                : connections.onlineUsers();
        return new Welcome(online, connections.onlineCount());
    }

    public void welcomed(Connection connection) {
        PresenceFeed feed = feeds.get(connection);
        if (feed != null) {
            feed.open();
        }
    }

    public void left(Connection connection) {
        PresenceFeed feed = feeds.remove(connection);
        if (feed != null) {
            feed.stop();
        }
    }

    /** A user came online (first connection) or went offline (last): called holding the user's line. */
    public void changed(String user, boolean online) {
        changes.record(user, online);
    }

    /** Two people now have a conversation: in a crowd each hears of the other from now on, starting with now. */
    public void talked(String one, String other) {
        introduce(one, other);
        introduce(other, one);
    }

    private void introduce(String user, String partner) {
        for (Connection connection : connections.connectionsOf(user)) {
            PresenceFeed feed = feeds.get(connection);
            if (feed != null && feed.crowd() && feed.addPartner(partner)) {
                feed.tell(Map.of(partner, connections.isOnline(partner)), connections.onlineCount());
            }
        }
    }

    /** The page shows these people: the connection hears of them from now on, starting with where they are now. */
    public void watch(Connection connection, Set<String> users) {
        PresenceFeed feed = feeds.get(connection);
        if (feed == null) {
            return;
        }
        feed.show(users);
        Map<String, Boolean> states = new TreeMap<>();
        users.forEach(user -> states.put(user, connections.isOnline(user)));
        feed.tell(states, connections.onlineCount());
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            // a failed flush must not end the schedule, which would silence presence for good
            LOG.log(Level.WARNING, "Could not send presence", e);
        }
    }

    void flush() {
        Map<String, Boolean> changed = changes.drain();
        int count = connections.onlineCount();
        long now = System.nanoTime();
        boolean countDue = count != countSent && now - countSentAt >= COUNT_EVERY_NANOS;
        if (changed.isEmpty() && !countDue) {
            return;
        }
        if (countDue) {
            countSent = count;
            countSentAt = now;
        }
        String shared = changed.isEmpty() ? null : encode(changed, count);
        feeds.values().forEach(feed -> feed.offer(changed, count, shared, countDue));
    }

    private static String encode(Map<String, Boolean> changed, int count) {
        List<String> online = changed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .sorted().toList();
        List<String> offline = changed.entrySet().stream().filter(entry -> !entry.getValue())
                .map(Map.Entry::getKey).sorted().toList();
        return new ServerFrame.Presence(online, offline, count).encode();
    }
}
