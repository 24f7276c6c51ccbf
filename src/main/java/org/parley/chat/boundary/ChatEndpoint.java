package org.parley.chat.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.chat.control.Connection;
import org.parley.chat.control.Switchboard;
import org.parley.chat.entity.ClientFrame;
import org.parley.chat.entity.ErrorCode;
import org.parley.chat.entity.UserName;

/**
 * The chat's WebSocket, {@code /parley/ws?user=NAME}. It checks who is connecting, decodes frames and hands
 * everything to the {@link Switchboard}; the protocol is in docs/PROTOCOL.md.
 */
@ServerEndpoint(value = "/ws", decoders = ClientFrameDecoder.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    @Inject
    Switchboard switchboard;

    @OnOpen
    public void open(Session session) throws IOException {
        List<String> names = session.getRequestParameterMap().getOrDefault("user", List.of());
        UserName user;
        try {
            user = UserName.parse(names.isEmpty() ? null : names.get(0));
        } catch (UserName.InvalidUserName e) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.getMessage()));
            return;
        }
        switchboard.join(user, session);
    }

    @OnMessage
    public void text(Session session, ClientFrame frame) {
        switchboard.receive(Connection.of(session), frame);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        switchboard.refuse(Connection.of(session), ErrorCode.BINARY_UNSUPPORTED,
                "binary frames are not supported; send text", null);
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Connection.of(session).pongReceived();
    }

    @OnClose
    public void close(Session session) {
        Connection connection = Connection.of(session);
        if (connection != null) {
            switchboard.leave(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error on " + session.getId(), failure);
    }
}
