package org.parley.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.cluster.entity.Hint;
import org.parley.live.control.Connections;
import org.parley.live.control.OtherServers;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;

/**
 * What this server tells the others of the chat, as hints on the topic. Nothing here waits for the broker (the bus
 * queues), so the live connections may call it holding a user's line.
 */
@ApplicationScoped
// only as itself: the live connections get it through OtherServersChoice, which gives NONE when Parley runs alone
@Typed(HintsOut.class)
public class HintsOut implements OtherServers {

    // a hint carries at most about this much message text: brokers handle big messages slowly
    private static final int HINT_CHARS = 256 * 1024;

    /**
     * How long headers may be held when nobody is online on another server: there they only move the log's order on,
     * and a server hears a hint for a few hundred microseconds of its reader's time, whatever it says.
     */
    static final Duration HEADERS_HELD = Duration.ofMillis(50);

    @Inject
    ClusterBus bus;

    // who came and went here since the last flush ({@link Peers}): each one's latest state; guarded by itself
    private final Map<String, Boolean> placesHere = new LinkedHashMap<>();

    @Inject
    Connections connections;

    // headers not yet told, oldest first; guarded by itself
    private final List<Header> held = new ArrayList<>();

    /**
     * Tells the others of every message, so that each keeps the log's order without reading it; but sends a direct
     * message's text only where its recipient or its sender is online on another server, as this server last heard.
     * Who connected elsewhere since is the receiving server's to catch ({@link Header}). Headers alone, while nobody
     * is online on another server, are held and told with the next hint or by {@link #tellHeld} at the latest:
     * another server's own messages wait for the numbers below them, but it has none while nobody is online there.
     */
    @Override
    public void committed(List<ChatMessage> batch) {
        List<ChatMessage> part = new ArrayList<>();
        List<Header> headers = new ArrayList<>();
        int chars = 0;
        for (ChatMessage message : batch) {
            if (message.isDirect() && !connections.isElsewhere(message.recipient())
                    && !connections.isElsewhere(message.sender())) {
                headers.add(Header.of(message));
                continue;
            }
            if (!part.isEmpty() && chars + message.body().length() > HINT_CHARS) {
                publish(part, headers);
                part = new ArrayList<>();
                headers = new ArrayList<>();
                chars = 0;
            }
            part.add(message);
            chars += message.body().length();
        }
        if (part.isEmpty() && !connections.anyoneElsewhere()) {
            synchronized (held) {
                held.addAll(headers);
            }
            return;
        }
        publish(part, headers);
    }

    /** Tells the headers held, if any ({@link #HEADERS_HELD}). */
    void tellHeld() {
        List<Header> headers = withHeld(List.of());
        if (!headers.isEmpty()) {
            bus.publish(new Hint.Messages(bus.self(), List.of(), headers));
        }
    }

    private void publish(List<ChatMessage> part, List<Header> headers) {
        bus.publish(new Hint.Messages(bus.self(), part, withHeld(headers)));
    }

    /** @return the headers held, taken, then {@code headers}; {@code headers} itself when none is held */
    private List<Header> withHeld(List<Header> headers) {
        synchronized (held) {
            if (held.isEmpty()) {
                return headers;
            }
            List<Header> all = new ArrayList<>(held);
            held.clear();
            all.addAll(headers);
            return all;
        }
    }

    /** Kept to be written and told with the next flush: a user who comes and goes meanwhile costs nothing. */
    @Override
    public void placeChanged(String user, boolean here) {
        synchronized (placesHere) {
            placesHere.remove(user);
            placesHere.put(user, here);
        }
    }

    @Override
    public void tell(String user, String frame) {
        bus.publish(new Hint.Tell(bus.self(), user, frame));
    }

    @Override
    public void dismiss(String user, String reason) {
        bus.publish(new Hint.Dismiss(bus.self(), user, reason));
    }

    /** @return who came (true) and went (false) since the last call, oldest change first */
    Map<String, Boolean> drainPlaces() {
        synchronized (placesHere) {
            Map<String, Boolean> drained = new LinkedHashMap<>(placesHere);
            placesHere.clear();
            return drained;
        }
    }
}
