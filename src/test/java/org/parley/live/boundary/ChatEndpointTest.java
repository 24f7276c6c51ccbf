package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.live.control.Lobby;

class ChatEndpointTest {

    @Test
    void userParameterIsDecodedAsUtf8() {
        assertEquals("李雷", ChatEndpoint.queryParameter("user=%E6%9D%8E%E9%9B%B7", "user"));
        assertEquals("a b", ChatEndpoint.queryParameter("x=1&user=a+b", "user"));
    }

    @Test
    void missingParameterIsNullAndBareParameterIsEmpty() {
        assertNull(ChatEndpoint.queryParameter(null, "user"));
        assertNull(ChatEndpoint.queryParameter("name=bob", "user"));
        assertEquals("", ChatEndpoint.queryParameter("user", "user"));
        assertEquals("", ChatEndpoint.queryParameter("user=", "user"));
    }

    @Test
    void closeReasonsAreCutToFitACloseFrameWithoutSplittingACharacter() {
        assertEquals("short enough", ChatEndpoint.abbreviated("short enough"));
        for (String wide : new String[] {"李".repeat(60), "😀".repeat(40), "x".repeat(200)}) {
            String reason = ChatEndpoint.abbreviated("a name may not be '" + wide + "'");
            assertTrue(reason.getBytes(StandardCharsets.UTF_8).length <= 123, reason);
            assertTrue(reason.endsWith("..."), reason);
            assertFalse(Character.isHighSurrogate(reason.charAt(reason.length() - 4)), reason);
        }
    }

    /**
     * A connection whose opening failed is told to reconnect, but never closed from inside the failure's callback:
     * that runs inside the upgrade, and on Payara a close there hands the upgrade's request and response, still in
     * use, to other requests (docs/known-faults/payara-upgrade-recycling.md). It is closed as refusals are.
     */
    @Test
    void aConnectionThatFailedToOpenIsTurnedAwayNotClosedDuringItsUpgrade() {
        List<String> closedAtOnce = new ArrayList<>();
        Map<String, Object> properties = new HashMap<>();
        Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getUserProperties" -> properties;
                    case "isOpen" -> true;
                    case "getId" -> "s1";
                    case "close" -> closedAtOnce.add("closed");
                    case "hashCode" -> 1;
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "session s1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        List<CloseReason> turnedAway = new ArrayList<>();
        ChatEndpoint endpoint = new ChatEndpoint();
        endpoint.lobby = new Lobby() {
            @Override
            public void turnAway(Session refused, CloseReason reason) {
                turnedAway.add(reason);
            }
        };

        endpoint.error(session, new IllegalStateException("opening failed"));
        endpoint.error(session, new IOException("the peer went"));

        assertEquals(List.of(), closedAtOnce);
        assertEquals(1, turnedAway.size());
        assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, turnedAway.get(0).getCloseCode());
        assertEquals("the server could not start this connection; reconnect", turnedAway.get(0).getReasonPhrase());
    }
}
