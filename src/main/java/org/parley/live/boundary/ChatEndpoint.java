package org.parley.live.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.account.control.AccountSettings;
import org.parley.account.control.NamePolicy;
import org.parley.account.control.Tickets;
import org.parley.account.entity.UserName;
import org.parley.live.control.Connection;
import org.parley.live.control.LiveSettings;
import org.parley.live.control.Lobby;
import org.parley.live.control.Reception;
import org.parley.protocol.ClientFrame;
import org.parley.protocol.CloseCode;
import org.parley.protocol.ErrorCode;

/**
 * The chat's WebSocket, {@code /parley/ws?ticket=TICKET} (the ticket from signing in; {@code ?user=NAME} in open
 * mode). Who is connecting comes from the ticket alone. It checks that and from which page
 * ({@link OriginCheck}), parses frames and hands everything on: connections coming and going to the {@link Lobby},
 * frames to the {@link Reception}. The protocol is in docs/PROTOCOL.md.
 */
@ServerEndpoint(value = "/ws", configurator = ChatHandshake.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    private static final int MAX_REASON_BYTES = 123;

    @Inject
    AccountSettings accountSettings;

    @Inject
    LiveSettings settings;

    @Inject
    Lobby lobby;

    @Inject
    Reception reception;

    @Inject
    Tickets tickets;

    @OnOpen
    public void open(Session session) {
        if (session.getUserProperties().get(OriginCheck.REFUSED_ORIGIN) instanceof String origin) {
            lobby.turnAway(session, CloseCode.POLICY.because("pages from " + abbreviated(origin) + " may not connect here"));
            return;
        }
        UserName user;
        try {
            user = accountSettings.openMode() ? openName(queryParameter(session.getQueryString(), "user"))
                    : tickets.holderOf(queryParameter(session.getQueryString(), "ticket"), Instant.now());
        } catch (IllegalArgumentException e) {
            lobby.turnAway(session, CloseCode.POLICY.because(abbreviated(e.getMessage())));
            return;
        }
        OptionalLong since;
        boolean confirms;
        try {
            since = since(queryParameter(session.getQueryString(), "since"));
            confirms = confirms(queryParameter(session.getQueryString(), "confirm"));
        } catch (IllegalArgumentException e) {
            lobby.turnAway(session, CloseCode.POLICY.because(e.getMessage()));
            return;
        }
        lobby.join(user, session, since, confirms);
    }

    /**
     * {@code confirm=received}: the client confirms what arrives with {@code received} frames. Without it, its pongs
     * do, until its first {@code received} (docs/PROTOCOL.md, "Two kinds of client").
     */
    static boolean confirms(String raw) {
        if (raw == null) {
            return false;
        }
        if (raw.equals("received")) {
            return true;
        }
        throw new IllegalArgumentException("'confirm' must be 'received' (or left out)");
    }

    /** {@code since}: the {@code seq} of the last message the client has, when it says. */
    static OptionalLong since(String raw) {
        if (raw == null) {
            return OptionalLong.empty();
        }
        try {
            long since = Long.parseLong(raw);
            if (since >= 0) {
                return OptionalLong.of(since);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'since' must be the seq of a message: a whole number, 0 or more");
    }

    /** In open mode a name is not an account's, but it must still be one that people can see and tell apart. */
    private static UserName openName(String raw) {
        UserName name = UserName.parse(raw);
        NamePolicy.refusalOf(name).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return name;
    }

    /** A close reason must fit in 123 bytes of UTF-8, and a name or an origin in it may take many. */
    static String abbreviated(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return text;
        }
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int c = text.codePointAt(end);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES - 3) {
                break;
            }
            bytes += size;
            end += Character.charCount(c);
        }
        return text.substring(0, end) + "...";
    }

    /** Decodes as UTF-8 whatever the container's default: names in any script must arrive intact. */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * Unreadable frames become a refusal, never an exception. A connection being turned away has no {@link Connection}
     * (it is closed a moment after its handshake): what it sends meanwhile is ignored.
     */
    @OnMessage
    public void text(Session session, String text) {
        Connection connection = Connection.of(session);
        if (connection != null) {
            reception.receive(connection, ClientFrame.parse(text, settings.frameLimit()));
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        Connection connection = Connection.of(session);
        if (connection != null) {
            reception.receive(connection, new ClientFrame.Refused(ErrorCode.BINARY_UNSUPPORTED,
                    "binary frames are not supported; send text", null));
        }
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Connection connection = Connection.of(session);
        if (connection != null) {
            reception.ponged(connection, pong.getApplicationData());
        }
    }

    @OnClose
    public void close(Session session) {
        Connection connection = Connection.of(session);
        if (connection != null) {
            // leaving is announced at once, whatever the wait below
            lobby.left(connection);
            // before the container closes the socket, on its own thread: no write may outlive the connection
            connection.detach();
            connection.settle();
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // a peer that vanishes mid-write is routine; anything else is a fault of ours worth seeing
        Level level = failure instanceof IOException ? Level.FINE : Level.WARNING;
        LOG.log(level, "WebSocket error on " + session.getId(), failure);
        if (Connection.of(session) == null && !(failure instanceof IOException) && session.isOpen()) {
            // opening failed: a client left open without a welcome would wait for ever, so it is told to come
            // again (seen on Payara Server, when a deployment raced the domain's own loading of Parley). Closed as a
            // refusal is, after its upgrade: this runs inside the upgrade, where a close on Payara hands the
            // upgrade's request and response to other requests while still in use (Lobby.turnAway)
            lobby.turnAway(session, CloseCode.SERVER_FAULT.because("the server could not start this connection; reconnect"));
        }
    }
}
