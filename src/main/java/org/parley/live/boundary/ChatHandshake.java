package org.parley.live.boundary;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The chat WebSocket's handshake: the page's origin is checked ({@link OriginCheck}), and every connection is served
 * by one {@link ChatEndpoint}, which keeps nothing of any connection (that is in the session's properties).
 * <p>
 * Left to itself, Payara's Tyrus makes an endpoint per connection through CDI, building the class's injection
 * target anew each time under one lock of the whole application: in a JFR recording of 1,000 people connecting,
 * handshakes waited 108 s in all on that lock in 10 s. Made once here, with its injections, it costs nothing more.
 */
public class ChatHandshake extends ServerEndpointConfig.Configurator {

    // lives as long as the application (this class is the application's)
    private static volatile ChatEndpoint endpoint;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        OriginCheck.check(config, request);
    }

    /** Only {@link ChatEndpoint} names this configurator. */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        ChatEndpoint made = endpoint;
        if (made == null) {
            synchronized (ChatHandshake.class) {
                if (endpoint == null) {
                    // at the first handshake, when CDI is running; should it fail, the next handshake tries again
                    endpoint = new Unmanaged<>(ChatEndpoint.class).newInstance().produce().inject().postConstruct()
                            .get();
                }
                made = endpoint;
            }
        }
        return endpointClass.cast(made);
    }
}
