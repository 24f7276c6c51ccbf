package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.account.entity.UserName;

/**
 * A heartbeat ping's time to be answered counts from when it reaches the network, not from when it joined the
 * frames a busy server has yet to write; one that never gets there still ends the connection, later.
 */
class HeartbeatPingTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private final List<SendHandler> unfinished = new ArrayList<>();
    private int pings;
    private final Connection connection = new Connection(UserName.parse("bob"), session(), 1 << 20, 0, false, true,
            null, (c, reason) -> { });

    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        unfinished.add((SendHandler) args[1]);
                    } else if (method.getName().equals("sendPing")) {
                        pings++;
                    }
                    return null;
                });
        Map<String, Object> properties = new HashMap<>();
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getUserProperties" -> properties;
                    default -> null;
                });
    }

    @Test
    void aPingWrittenAtOnceMustBeAnsweredWithinTheTimeout() {
        long beat = System.nanoTime();
        connection.ping(beat);
        long written = System.nanoTime();
        assertEquals(1, pings);
        assertFalse(connection.pingUnansweredFor(beat + TIMEOUT / 2, TIMEOUT));
        assertTrue(connection.pingUnansweredFor(written + TIMEOUT, TIMEOUT));
    }

    @Test
    void aPingBehindFramesStillBeingWrittenCountsFromItsOwnWrite() {
        connection.send("{\"type\":\"presence\"}");
        long beat = System.nanoTime();
        connection.ping(beat);
        assertEquals(0, pings, "the ping waits for the frame under way");
        assertFalse(connection.pingUnansweredFor(beat + TIMEOUT, TIMEOUT), "the peer has not had it yet");
        long writing = System.nanoTime();
        unfinished.remove(0).onResult(new SendResult());
        long written = System.nanoTime();
        assertEquals(1, pings);
        assertFalse(connection.pingUnansweredFor(writing + TIMEOUT - 1, TIMEOUT));
        assertTrue(connection.pingUnansweredFor(written + TIMEOUT, TIMEOUT));
    }

    @Test
    void aPingNeverWrittenEndsTheConnectionAfterSeveralTimeouts() {
        connection.send("{\"type\":\"presence\"}");
        long beat = System.nanoTime();
        connection.ping(beat);
        long limit = Connection.UNWRITTEN_PING_TIMEOUTS * TIMEOUT;
        assertFalse(connection.pingUnansweredFor(beat + limit - 1, TIMEOUT));
        assertTrue(connection.pingUnansweredFor(beat + limit, TIMEOUT), "a peer that stopped reading is not kept");
    }

    @Test
    void anAnswerEndsTheWaitAndTheNextBeatPingsAgain() {
        long beat = System.nanoTime();
        connection.ping(beat);
        connection.heardFrom();
        assertFalse(connection.pingUnansweredFor(beat + 10 * TIMEOUT, TIMEOUT));
        connection.ping(beat + TIMEOUT);
        assertEquals(2, pings);
    }
}
