package org.parley.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated person on a JDK WebSocket. Message bodies are {@code seq:scheduledNanos}; every chat message it
 * receives goes into the run's {@link Tally}. Sends are chained, as a WebSocket takes one at a time.
 */
final class BenchUser implements WebSocket.Listener {

    final String name;
    private final Tally tally;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final List<Long> offlineOrder = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong answers = new AtomicLong();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private WebSocket socket;

    private BenchUser(String name, Tally tally) {
        this.name = name;
        this.tally = tally;
    }

    static BenchUser connect(HttpClient http, URI uri, String name, Tally tally) {
        BenchUser user = new BenchUser(name, tally);
        user.socket = http.newWebSocketBuilder().buildAsync(uri, user).join();
        user.welcomed.orTimeout(30, TimeUnit.SECONDS).join();
        return user;
    }

    static String body(long seq, long scheduledNanos) {
        return seq + ":" + scheduledNanos;
    }

    /** @param to null for everyone */
    synchronized void send(String to, String body) {
        var frame = Json.createObjectBuilder().add("type", "send").add("body", body);
        if (to != null) {
            frame.add("to", to);
        }
        String text = frame.build().toString();
        tally.sent.incrementAndGet();
        sending = sending.thenCompose(done -> socket.sendText(text, true));
    }

    /** Waits until this many of its sends have been answered (ack or error), for at most half a minute. */
    void awaitAnswers(long count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answers.get() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Sequence numbers of the kept messages received, in the order they arrived. */
    List<Long> offlineOrder() {
        return List.copyOf(offlineOrder);
    }

    void close() {
        sending.thenCompose(done -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")).orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(failure -> null).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            receive(partial.toString(), System.nanoTime());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void receive(String text, long now) {
        JsonObject frame;
        try (var reader = Json.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        switch (frame.getString("type")) {
            case "welcome" -> welcomed.complete(null);
            case "message" -> {
                String body = frame.getString("body");
                int colon = body.indexOf(':');
                long seq = Long.parseLong(body.substring(0, colon));
                if (frame.getBoolean("offline", false)) {
                    offlineOrder.add(seq);
                }
                tally.received(seq, Long.parseLong(body.substring(colon + 1)), now);
            }
            case "ack" -> answers.incrementAndGet();
            case "error" -> {
                answers.incrementAndGet();
                tally.refused.incrementAndGet();
            }
            default -> {
                // presence says nothing about latency
            }
        }
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        welcomed.completeExceptionally(error);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        welcomed.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }
}
