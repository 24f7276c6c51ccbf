package org.parley.live.boundary;

import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.config.Setting;

/**
 * Refuses WebSocket handshakes from pages of other sites (cross-site WebSocket hijacking): a browser sends the
 * page's {@code Origin} with every handshake, and the cookies or tickets of whoever is signed in along with it.
 * <p>
 * An origin is allowed when it is listed in {@link Setting#ALLOWED_ORIGINS} or, with none listed, when it names the
 * host the request was sent to. A handshake without {@code Origin} does not come from a browser page, so nothing
 * is being hijacked and it is allowed. The verdict is left in the session's properties for
 * {@link ChatEndpoint#open} to close the connection with 1008 and a reason.
 */
final class OriginCheck {

    static final String REFUSED_ORIGIN = OriginCheck.class.getName() + ".refused";

    private OriginCheck() {
    }

    /** Called during the handshake ({@link ChatHandshake}). */
    static void check(ServerEndpointConfig config, HandshakeRequest request) {
        String origin = header(request.getHeaders(), "Origin");
        if (origin != null && !isAllowed(origin, header(request.getHeaders(), "Host"),
                Setting.ALLOWED_ORIGINS.origins())) {
            config.getUserProperties().put(REFUSED_ORIGIN, origin);
        }
    }

    static boolean isAllowed(String origin, String host, List<String> allowed) {
        String normalised = origin.strip().toLowerCase(Locale.ROOT);
        if (!allowed.isEmpty()) {
            return allowed.contains(normalised);
        }
        int authority = normalised.indexOf("://");
        return authority > 0 && host != null && normalised.substring(authority + 3).equals(host.strip()
                .toLowerCase(Locale.ROOT));
    }

    // header names are case-insensitive, and the containers do not agree on how they spell them in this map
    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
