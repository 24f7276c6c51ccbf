package org.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A real WebSocket client (Tyrus) as a test's user: it records every frame the server sends, in order, and lets
 * the test wait for the next one that matches.
 */
public final class ChatClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private static final ClientManager CLIENTS = ClientManager.createClient();

    // confirmations go out in batches, as the page sends them: one per message would count against the allowance
    private static final ScheduledExecutorService CONFIRMING = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "confirming");
        thread.setDaemon(true);
        return thread;
    });
    private static final long CONFIRM_EVERY_MILLIS = 50;

    private final List<JsonObject> received = new ArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;
    private volatile boolean confirming = true;
    private long lastSeq;
    private long confirmedSeq;
    // "user status" for everyone a presence frame has named (guarded by this)
    private final Set<String> told = new HashSet<>();
    private ScheduledFuture<?> confirmer;

    private ChatClient() {
    }

    /** Signs up (unless the account exists) and in as {@code user}, connects and waits for the welcome frame. */
    public static ChatClient connect(URL base, String user) {
        return connect(base, user, null);
    }

    /**
     * Like {@link #connect(URL, String)}, as a device that had every message of the stream up to {@code since}
     * (null: a device that says nothing, which gets what its user's devices never confirmed).
     */
    public static ChatClient connect(URL base, String user, Long since) {
        SignIn.signUp(base, user);
        ChatClient client = open(base, "ticket=" + URLEncoder.encode(SignIn.ticket(base, user), StandardCharsets.UTF_8)
                + "&confirm=received" + (since == null ? "" : "&since=" + since));
        client.next("welcome");
        return client;
    }

    /**
     * The original design's client: it connects without saying that it confirms, speaks {@code to|content} (with
     * {@link #send}) and never sends {@code received}; the pongs its WebSocket answers pings with are all it says.
     */
    public static ChatClient connectOriginal(URL base, String user) {
        SignIn.signUp(base, user);
        ChatClient client = open(base, "ticket=" + URLEncoder.encode(SignIn.ticket(base, user), StandardCharsets.UTF_8),
                ClientEndpointConfig.Builder.create().build(), false);
        client.next("welcome");
        return client;
    }

    /** Stops confirming what arrives, as a client that receives but whose confirmations never reach the server. */
    public ChatClient withoutConfirming() {
        confirming = false;
        return this;
    }

    /** The {@code seq} of the last message this connection received. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    private void confirm() {
        long upTo;
        synchronized (this) {
            if (!confirming || lastSeq <= confirmedSeq || !session.isOpen()) {
                return;
            }
            upTo = lastSeq;
            confirmedSeq = upTo;
        }
        try {
            session.getBasicRemote().sendText("{\"type\":\"received\",\"upTo\":" + upTo + "}");
        } catch (IOException | RuntimeException e) {
            // closing: what was not confirmed comes again to this user's next connection
        }
    }

    /** Connects with this raw query string and waits for nothing. */
    public static ChatClient open(URL base, String query) {
        return open(base, query, ClientEndpointConfig.Builder.create().build(), true);
    }

    /** Like {@link #open(URL, String)}, as a page served from {@code origin} would. */
    public static ChatClient openFrom(String origin, URL base, String query) {
        return open(base, query, ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                headers.keySet().removeIf("Origin"::equalsIgnoreCase);
                headers.put("Origin", List.of(origin));
            }
        }).build(), true);
    }

    private static ChatClient open(URL base, String query, ClientEndpointConfig config, boolean confirming) {
        ChatClient client = new ChatClient();
        client.confirming = confirming;
        try {
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws" + (query == null ? "" : "?" + query));
            client.session = CLIENTS.connectToServer(client.new Listener(), config, uri);
        } catch (Exception e) {
            throw new IllegalStateException("could not connect", e);
        }
        client.confirmer = CONFIRMING.scheduleWithFixedDelay(client::confirm, CONFIRM_EVERY_MILLIS,
                CONFIRM_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return client;
    }

    public void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends these frames one after the other without waiting for each to be written, then waits until all are: they
     * reach the server together however fast this JVM sends one (a flooding client), not at this JVM's pace of one
     * blocking write after another.
     */
    public void sendAtOnce(List<String> texts) {
        List<Future<Void>> writes = new ArrayList<>(texts.size());
        for (String text : texts) {
            writes.add(session.getAsyncRemote().sendText(text));
        }
        try {
            for (Future<Void> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends unless the connection is closed, also when the server closes it while this is sending. A write can fail
     * on the closed socket ("Broken pipe") before this client's reader has taken the server's close frame, so a
     * failed write counts as the server's close if the close is reported soon after.
     *
     * @return whether the frame was sent
     */
    public boolean sendWhileOpen(String text) {
        try {
            session.getBasicRemote().sendText(text);
            return true;
        } catch (IOException | RuntimeException e) {
            // Tyrus reports a send on a session it is closing as IllegalStateException or RejectedExecutionException
            if (!closesWithin(Duration.ofSeconds(10))) {
                throw new IllegalStateException(e);
            }
            return false;
        }
    }

    /** An unasked pong, as a client may send at any time. */
    public void sendPong(String payload) {
        try {
            session.getBasicRemote().sendPong(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendBinary(byte[] bytes) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a direct message in the JSON form and returns the server's answer to it (ack or error). */
    public JsonObject sendTo(String to, String body) {
        String ref = "r" + System.nanoTime();
        send(Json.createObjectBuilder().add("type", "send").add("to", to).add("body", body).add("ref", ref).build()
                .toString());
        return next(frame -> ref.equals(frame.getString("ref", null)));
    }

    /** Sends a room frame: {@code action} with these fields ("public" a boolean, the rest strings); its answer. */
    public JsonObject room(String action, String... fields) {
        String ref = "r" + System.nanoTime();
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "room").add("action", action)
                .add("ref", ref);
        for (int i = 0; i < fields.length; i += 2) {
            if ("public".equals(fields[i])) {
                frame.add(fields[i], Boolean.parseBoolean(fields[i + 1]));
            } else {
                frame.add(fields[i], fields[i + 1]);
            }
        }
        send(frame.build().toString());
        return next(answer -> ref.equals(answer.getString("ref", null)));
    }

    public JsonObject broadcast(String body) {
        String ref = "r" + System.nanoTime();
        send(Json.createObjectBuilder().add("type", "send").add("body", body).add("ref", ref).build().toString());
        return next(frame -> ref.equals(frame.getString("ref", null)));
    }

    public JsonObject next(String type) {
        return next(frame -> type.equals(frame.getString("type")));
    }

    /** The first frame not yet taken that matches, waiting up to {@link #WAIT}; frames skipped stay available. */
    public JsonObject next(Predicate<JsonObject> wanted) {
        JsonObject frame = nextWithin(wanted, WAIT);
        if (frame == null) {
            throw new AssertionError("no matching frame within " + WAIT + "; received " + pending());
        }
        return frame;
    }

    /** Like {@link #next(Predicate)}, but null when none comes within {@code limit}. */
    public synchronized JsonObject nextWithin(Predicate<JsonObject> wanted, Duration limit) {
        JsonObject[] taken = new JsonObject[1];
        awaitReceived(() -> {
            for (int i = 0; i < received.size(); i++) {
                JsonObject frame = received.get(i);
                if (frame != null && wanted.test(frame)) {
                    received.set(i, null);
                    taken[0] = frame;
                    return true;
                }
            }
            return false;
        }, limit);
        return taken[0];
    }

    /**
     * Waits until a presence frame (or, for online, the welcome) has said, at any time since this connection opened,
     * that {@code user} is {@code status}. Presence is coalesced (one frame carries many people, and someone who came
     * and went within one interval is told only as gone), so a test waits for what it was told, not for one frame per
     * change; the frames stay available to {@link #next}.
     */
    public synchronized void awaitPresence(String user, String status) {
        if (!awaitReceived(() -> told.contains(user + " " + status), WAIT)) {
            throw new AssertionError("not told " + user + " is " + status + " within " + WAIT + "; received "
                    + pending());
        }
    }

    /**
     * Whether {@code condition}, on what this client has received, holds within {@code limit}. Not a poll: every frame
     * that arrives wakes it ({@link #record}), so it returns the moment the frame it waits for is in.
     */
    private boolean awaitReceived(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return true;
    }

    /** Whether any presence frame (or the welcome) has named {@code user}, online or offline, so far. */
    public synchronized boolean toldOf(String user) {
        return told.contains(user + " online") || told.contains(user + " offline");
    }

    /** Every frame received so far and not yet taken, in arrival order. */
    public synchronized List<JsonObject> pending() {
        return received.stream().filter(frame -> frame != null).toList();
    }

    /** Waits for the server to close this connection, and fails unless it did with this code and reason. */
    public void awaitClosedWith(int code, String reason) {
        CloseReason closed = awaitClose();
        if (closed.getCloseCode().getCode() != code || !reason.equals(closed.getReasonPhrase())) {
            throw new AssertionError("expected a close with " + code + " '" + reason + "', got "
                    + closed.getCloseCode().getCode() + " '" + closed.getReasonPhrase() + "'");
        }
    }

    public CloseReason awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection was not closed within " + WAIT, e);
        }
    }

    /** Waits the whole duration unless the connection closes first: for proving that it stays open. */
    public boolean closesWithin(Duration duration) {
        try {
            closed.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /**
     * Confirms what arrived, closes and waits for the server's close: the server acts on a connection's frames in
     * order, so once it has closed, the confirmation is in and a next connection of this user will not get those
     * messages again.
     */
    @Override
    public void close() {
        if (confirmer != null) {
            confirmer.cancel(false);
        }
        confirm();
        try {
            if (session.isOpen()) {
                session.close();
                closesWithin(Duration.ofSeconds(5));
            }
        } catch (IOException e) {
            // already gone: what a test that closes wants
        }
    }

    private synchronized void record(String text) {
        JsonObject frame;
        try (var reader = Json.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        received.add(frame);
        if ("presence".equals(frame.getString("type", null))) {
            for (String status : List.of("online", "offline")) {
                frame.getJsonArray(status).getValuesAs(JsonString::getString)
                        .forEach(user -> told.add(user + " " + status));
            }
        }
        // whoever the welcome lists was online when the connection opened, and no presence frame says it again
        if ("welcome".equals(frame.getString("type", null))) {
            frame.getJsonArray("online").getValuesAs(JsonString::getString)
                    .forEach(user -> told.add(user + " online"));
        }
        // a room's events are numbered in the stream like messages, and confirmed alike
        String type = frame.getString("type", null);
        if (("message".equals(type) || "room-event".equals(type)) && frame.get("seq") instanceof JsonNumber seq) {
            lastSeq = Math.max(lastSeq, seq.longValue());
        }
        notifyAll();
    }

    private final class Listener extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(1 << 20);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) ChatClient.this::record);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }
}
