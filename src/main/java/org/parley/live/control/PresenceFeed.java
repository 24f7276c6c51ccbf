package org.parley.live.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.parley.protocol.ServerFrame;

/**
 * Presence as one connection receives it. At most one presence frame of it is unwritten at any time; whatever
 * changes meanwhile is merged (each person's latest state) and goes in the next one once that frame is written. So
 * however many people come and go, presence costs a reader that falls behind one frame in its queue, never a pile
 * that would have it closed as too slow for traffic the server itself made.
 * <p>
 * In a crowd a connection hears only of the people it {@linkplain #watches watches}: those its user has direct
 * conversations with, and whoever its page asked about last ({@link #show}).
 */
final class PresenceFeed {

    private final String self;
    private final boolean crowd;
    private final Function<String, CompletionStage<Void>> writer;
    private final Set<String> partners = ConcurrentHashMap.newKeySet();
    private volatile Set<String> shown = Set.of();
    // guarded by this
    private final Map<String, Boolean> backlog = new TreeMap<>();
    private int backlogCount = -1;
    private boolean unwritten;
    private boolean stopped;

    /**
     * Starts held: nothing is written before {@link #open()}, so that the welcome goes first; what is offered
     * meanwhile waits in the backlog.
     */
    PresenceFeed(String self, boolean crowd, Set<String> partners, Function<String, CompletionStage<Void>> writer) {
        this.self = self;
        this.crowd = crowd;
        this.writer = writer;
        this.partners.addAll(partners);
        this.unwritten = true;
    }

    String self() {
        return self;
    }

    boolean crowd() {
        return crowd;
    }

    boolean watches(String user) {
        return partners.contains(user) || shown.contains(user);
    }

    /** @return whether {@code user} was not a partner before */
    boolean addPartner(String user) {
        return !user.equals(self) && partners.add(user);
    }

    /** Whoever the page shows besides conversation partners; replaces what it asked before. */
    void show(Set<String> users) {
        shown = Set.copyOf(users);
    }

    /** The welcome is queued: presence may follow. */
    void open() {
        written(null);
    }

    /**
     * Offers what changed since the last flush: in a crowd only what this connection watches, and otherwise
     * everything but the connection's own user.
     *
     * @param shared  {@code changes} and {@code count} already encoded, written as it is when nothing is waiting
     * @param countDue whether a frame carrying only the online count is worth sending
     */
    void offer(Map<String, Boolean> changes, int count, String shared, boolean countDue) {
        Map<String, Boolean> relevant = crowd ? watched(changes) : changes;
        boolean mine = !crowd && changes.containsKey(self);
        if ((relevant.isEmpty() || mine && relevant.size() == 1) && !(crowd && countDue)) {
            return;
        }
        String frame;
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (unwritten) {
                merge(relevant, count);
                return;
            }
            if (shared != null && !crowd && !mine) {
                frame = shared;
            } else {
                merge(relevant, count);
                frame = takeBacklog();
            }
            unwritten = true;
        }
        write(frame);
    }

    /** The current state of some people, as an answer to a question about them: goes as soon as nothing waits. */
    void tell(Map<String, Boolean> states, int count) {
        String frame;
        synchronized (this) {
            if (stopped) {
                return;
            }
            merge(states, count);
            if (unwritten) {
                return;
            }
            frame = takeBacklog();
            unwritten = true;
        }
        write(frame);
    }

    void stop() {
        synchronized (this) {
            stopped = true;
            backlog.clear();
        }
    }

    private Map<String, Boolean> watched(Map<String, Boolean> changes) {
        Map<String, Boolean> relevant = new TreeMap<>();
        if (changes.size() <= partners.size() + shown.size()) {
            changes.forEach((user, online) -> {
                if (watches(user)) {
                    relevant.put(user, online);
                }
            });
        } else {
            // a big flush and few watched: look the few up
            for (Set<String> some : List.of(partners, shown)) {
                for (String user : some) {
                    Boolean online = changes.get(user);
                    if (online != null) {
                        relevant.put(user, online);
                    }
                }
            }
        }
        return relevant;
    }

    // guarded by this
    private void merge(Map<String, Boolean> states, int count) {
        states.forEach((user, online) -> {
            if (!user.equals(self)) {
                backlog.put(user, online);
            }
        });
        backlogCount = count;
    }

    // guarded by this
    private String takeBacklog() {
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        backlog.forEach((user, isOnline) -> (isOnline ? online : offline).add(user));
        String frame = new ServerFrame.Presence(online, offline, backlogCount).encode();
        backlog.clear();
        backlogCount = -1;
        return frame;
    }

    private void write(String frame) {
        writer.apply(frame).whenComplete((ok, failure) -> written(failure));
    }

    private void written(Throwable failure) {
        String next;
        synchronized (this) {
            if (failure != null) {
                // the connection is gone; its lobby takes it out of the board
                stopped = true;
            }
            if (stopped || backlogCount < 0) {
                unwritten = false;
                return;
            }
            next = takeBacklog();
        }
        write(next);
    }
}
