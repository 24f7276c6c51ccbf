package org.parley.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port nothing listens on now, for a server a test starts itself. Taken below the system's range of ephemeral
 * ports (32768 and up on Linux), which every outgoing connection draws from: a port picked there was once taken,
 * between the pick and the server's start, by a connection another server under test made to the shared database.
 * When the suite runs in several JVMs at once ({@code parley.forks}, each told its number in {@code parley.fork}),
 * each picks from a part of the range of its own, so that two cannot pick the same port before either binds it.
 */
public final class FreePort {

    private static final int FORKS = Integer.getInteger("parley.forks", 1);
    private static final int FORK = Integer.getInteger("parley.fork", 1);
    // above the fixed ports of PayaraServerDropInIT's domain (14000 to 14099); each share wide enough for WildFly's
    // full profile, whose sockets span 6,465 ports (offsetFor)
    private static final int SHARE = (32_000 - 15_000) / FORKS;
    private static final int LOWEST = 15_000 + (FORK - 1) * SHARE;
    private static final int HIGHEST = LOWEST + SHARE;

    private FreePort() {
    }

    public static int pick() {
        return pickOtherThan(List.of());
    }

    /**
     * Like {@link #pick()}, and none of {@code promised}: ports another server was told to take and may not have
     * bound yet.
     */
    public static int pickOtherThan(Collection<Integer> promised) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!promised.contains(port) && isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    /**
     * An offset that moves every one of {@code ports} to a free port in the same range, for a server that takes one
     * offset for all its sockets (WildFly's {@code jboss.socket.binding.port-offset}).
     */
    public static int offsetFor(Collection<Integer> ports) {
        int lowest = ports.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int highest = ports.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (highest - lowest >= HIGHEST - LOWEST) {
            throw new IllegalArgumentException("ports " + lowest + " to " + highest + " span more than the range");
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(LOWEST - lowest, HIGHEST - highest);
            if (ports.stream().allMatch(port -> isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no offset frees all of " + ports + " between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
