package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.account.entity.UserName;

/** The pool's contents without a server: who is online, here and on other servers, and the count of both. */
class ConnectionsTest {

    private final Connections connections = new Connections();

    private static Connection connectionOf(String user) {
        Map<String, Object> properties = new HashMap<>();
        Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getUserProperties") ? properties : null);
        return new Connection(UserName.parse(user), session, 1024, 0, false, true, null, (c, reason) -> { });
    }

    @Test
    void firstAndLastConnectionOfAUserAreToldAndCounted() {
        Connection phone = connectionOf("ann");
        Connection laptop = connectionOf("ann");
        assertTrue(connections.add(phone), "first here");
        assertFalse(connections.add(laptop), "not the first");
        assertEquals(1, connections.onlineCount());
        assertEquals(Set.of(phone, laptop), connections.connectionsOf("ann"));
        assertFalse(connections.remove(phone), "not the last");
        assertTrue(connections.isOnline("ann"));
        assertTrue(connections.remove(laptop), "the last");
        assertFalse(connections.isOnline("ann"));
        assertEquals(0, connections.onlineCount());
        assertEquals(Set.of(), connections.connectionsOf("ann"));
    }

    @Test
    void someoneOnlineHereAndElsewhereCountsOnceAndGoesOfflineOnlyWhenGoneFromBoth() {
        Connection here = connectionOf("bob");
        assertTrue(connections.placeElsewhere("bob", "server-2"), "came online, having been nowhere");
        assertFalse(connections.placeElsewhere("bob", "server-3"), "online already");
        connections.add(here);
        assertEquals(1, connections.onlineCount());
        assertEquals(List.of("bob"), connections.onlineUsers());
        assertFalse(connections.removeElsewhere("bob", "server-2"), "still on server-3 and here");
        assertFalse(connections.removeElsewhere("bob", "server-3"), "still here");
        assertTrue(connections.isOnline("bob"));
        connections.remove(here);
        assertEquals(0, connections.onlineCount());
        assertEquals(List.of(), connections.onlineUsers());
    }

    @Test
    void onlineUsersArePagedByPrefixInNameOrder() {
        List.of("cat", "carl", "cara", "dan").forEach(name -> connections.add(connectionOf(name)));
        assertEquals(List.of("cara", "carl"), connections.onlineUsers("ca", "", 2));
        assertEquals(List.of("cat"), connections.onlineUsers("ca", "carl", 2));
    }

    @Test
    void workUnderOneUsersLineNeverRunsBesideOtherWorkUnderIt() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(400);
        for (int i = 0; i < 400; i++) {
            threads.execute(() -> {
                connections.underLine("eve", () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                });
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        threads.shutdown();
        assertEquals(1, most.get(), "two pieces of work under eve's line at once");
    }
}
