package org.parley.relay;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of Parley's protocol the benchmark's generator speaks, as the baseline relay speaks it ({@code ?user=NAME};
 * {@code welcome}; a JSON {@code send} becomes a {@code message} to its recipient, or to everyone, and an {@code ack}
 * to its sender) with nothing behind it but a map of user to session: no store, no checks, no presence.
 * <p>
 * Written the plain way for the Jakarta WebSocket API: a blocking send, one at a time per session. Sends run with the
 * platform class loader as the thread's context loader, as Parley's do: Payara's Tyrus restarts a session's idle timer
 * on every send by scheduling a task on the container's managed executor, whose context capture searches every jar
 * of the context loader, and an application can spare itself that on its sends (not on what it receives).
 */
@ServerEndpoint("/ws")
public class RelayEndpoint {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final ClassLoader SENDING_LOADER = ClassLoader.getPlatformClassLoader();
    private static final Map<String, Session> SESSIONS = new ConcurrentHashMap<>();
    private static final String USER = "user";

    @OnOpen
    public void open(Session session) {
        List<String> named = session.getRequestParameterMap().get(USER);
        String user = named == null || named.isEmpty() ? session.getId() : named.get(0);
        session.getUserProperties().put(USER, user);
        SESSIONS.put(user, session);
        send(session, JSON.createObjectBuilder().add("type", "welcome").add(USER, user).build().toString());
    }

    @OnClose
    public void close(Session session) {
        SESSIONS.remove((String) session.getUserProperties().get(USER), session);
    }

    @OnMessage
    public void text(Session session, String text) {
        JsonObject send;
        try (var reader = JSON.createReader(new StringReader(text))) {
            send = reader.readObject();
        }
        String from = (String) session.getUserProperties().get(USER);
        String id = UUID.randomUUID().toString();
        String sentAt = Instant.now().toString();
        JsonObjectBuilder message = JSON.createObjectBuilder().add("type", "message").add("id", id).add("from", from);
        String to = send.getString("to", null);
        if (to != null) {
            message.add("to", to);
        }
        String frame = message.add("body", send.getString("body")).add("sentAt", sentAt).build().toString();
        if (to == null) {
            SESSIONS.values().forEach(each -> send(each, frame));
        } else {
            Session recipient = SESSIONS.get(to);
            if (recipient != null) {
                send(recipient, frame);
            }
        }
        send(session, JSON.createObjectBuilder().add("type", "ack").add("id", id).add("status", "delivered")
                .add("sentAt", sentAt).build().toString());
    }

    private static void send(Session session, String text) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(SENDING_LOADER);
        try {
            // one write at a time per session: the API allows no other
            synchronized (session) {
                session.getBasicRemote().sendText(text);
            }
        } catch (IOException | IllegalStateException gone) {
            // the peer left: its close removes it
        } finally {
            thread.setContextClassLoader(application);
        }
    }
}
