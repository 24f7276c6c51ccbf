package org.parley.live.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who came online and who went offline since the last {@link #drain()}: for each person only where they ended up.
 * Someone who came and went within one interval is still reported, as offline: a connection may have been told of
 * them meanwhile (a new conversation partner, a person its page asked about), and must hear that they left.
 */
final class PresenceChanges {

    private Map<String, Boolean> pending = new LinkedHashMap<>();

    /** Called in the order the user's own changes happened (the lobby holds the user's line). */
    synchronized void record(String user, boolean online) {
        pending.put(user, online);
    }

    /** @return each changed person's state now (true: online), in the order they first changed */
    synchronized Map<String, Boolean> drain() {
        if (pending.isEmpty()) {
            return Map.of();
        }
        Map<String, Boolean> taken = pending;
        pending = new LinkedHashMap<>();
        return taken;
    }
}
