package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the benchmark's generator takes a sign-in answer that is not JSON: it stops, once asked, with the answer. */
class TargetTest {

    @Test
    void aSignInAnsweredWithAnotherUsersFrameStopsTheRunWithoutAskingAgain() throws IOException {
        // what Payara's fault looked like: a chat frame as the body of a 200 to a sign-in
        byte[] frame = "\u0081~{\"type\":\"message\",\"from\":\"someone else\"".getBytes(StandardCharsets.UTF_8);
        AtomicInteger asked = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/parley/api/tickets", exchange -> {
            asked.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, frame.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(frame);
            }
        });
        server.start();
        try {
            Target target = Target.parley(new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/parley/"));
            AssertionError failure = assertThrows(AssertionError.class, () -> target.pass("ann"));
            assertTrue(failure.getMessage().contains("someone else"), failure.getMessage());
            assertEquals(1, asked.get(), "never asked again");
        } finally {
            server.stop(0);
        }
    }
}
