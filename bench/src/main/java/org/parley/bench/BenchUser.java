package org.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.channel.ChannelFutureListener;
import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated person on a Netty WebSocket. Message bodies are {@code seq:scheduledNanos}; every chat message it
 * receives goes into the run's {@link Tally}. Frames are read with a plain scan, not a JSON parser: the generator
 * has one core and must not be what limits the run.
 */
final class BenchUser extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final int MAX_FRAME = 1 << 20;

    final String name;
    private volatile Tally tally;
    private volatile String welcome;
    private final CompletableFuture<BenchUser> welcomed = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "no close frame";
    private final List<Long> offlineOrder = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong answers = new AtomicLong();
    // the conversation the latest ack named: a room's id, once the server made it
    private volatile String ackedConversation;
    private final AtomicLong frames = new AtomicLong();
    // for the crash check: the number each message sent with a ref was acknowledged with, by ref; and, for a
    // connection that records, every message it is sent (its catching up), in the order they came
    private final Map<String, Long> acked = new ConcurrentHashMap<>();
    private final boolean recording;
    private final List<CrashCheck.Received> stream = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile Channel channel;

    BenchUser(String name, Tally tally, boolean recording) {
        this.name = name;
        this.tally = tally;
        this.recording = recording;
    }

    /** Connects; the future completes once the server's welcome frame has arrived. */
    static CompletableFuture<BenchUser> open(BenchNetwork network, int receiveBuffer, URI uri, String name,
            Tally tally) {
        return open(network, receiveBuffer, uri, name, tally, false);
    }

    /** @param recording whether to keep every message it is sent, for {@link #stream()} */
    static CompletableFuture<BenchUser> open(BenchNetwork network, int receiveBuffer, URI uri, String name,
            Tally tally, boolean recording) {
        BenchUser user = new BenchUser(name, tally, recording);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME).handshakeTimeoutMillis(30_000).handleCloseFrames(false).build();
        network.bootstrap(receiveBuffer).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel socket) {
                socket.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME), user);
            }
        }).connect(uri.getHost(), uri.getPort()).addListener(connecting -> {
            if (!connecting.isSuccess()) {
                user.welcomed.completeExceptionally(connecting.cause());
            }
        });
        return user.welcomed.orTimeout(60, TimeUnit.SECONDS);
    }

    static BenchUser connect(BenchNetwork network, URI uri, String name, Tally tally) {
        return open(network, 0, uri, name, tally).join();
    }

    static String body(long seq, long scheduledNanos) {
        return seq + ":" + scheduledNanos;
    }

    /** From now on, what this user sends and receives is counted in {@code next}. */
    void countInto(Tally next) {
        tally = next;
    }

    /** @param to null for everyone */
    void send(String to, String body) {
        write(to, body, true);
        flush();
    }

    /** Writes without flushing: on the event loop, which flushes each connection once per tick. */
    void write(String to, String body, boolean counted) {
        if (counted) {
            tally.sent.incrementAndGet();
        }
        channel.write(frame(to, body));
    }

    /** Writes, unflushed, a message whose acknowledgement is kept by {@code ref} ({@link #acked()}). */
    void writeWithRef(String to, String body, String ref) {
        tally.sent.incrementAndGet();
        channel.write(frame(to, body, ref));
    }

    void flush() {
        channel.flush();
    }

    /** ref → seq of each message sent with a ref and acknowledged. */
    Map<String, Long> acked() {
        return Map.copyOf(acked);
    }

    /** Completes once the server said this connection has caught up ({@code caught-up}). */
    CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** What a recording connection was sent, in order. */
    List<CrashCheck.Received> stream() {
        synchronized (stream) {
            return List.copyOf(stream);
        }
    }

    private static TextWebSocketFrame frame(String to, String body) {
        return frame(to, body, null);
    }

    /** @param to null for everyone; @param ref null for none */
    private static TextWebSocketFrame frame(String to, String body, String ref) {
        return new TextWebSocketFrame("{\"type\":\"send\"" + (to == null ? "" : ",\"to\":\"" + to + "\"")
                + ",\"body\":\"" + body + "\"" + (ref == null ? "" : ",\"ref\":\"" + ref + "\"") + "}");
    }

    /** Sends a frame as it is (a room action), counted as an answer when its ack or error comes, not as a message. */
    void sendRaw(String json) {
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    /** The conversation the latest acknowledgement named (a room made: its id). */
    String ackedConversation() {
        return ackedConversation;
    }

    /** How many of its sends and room actions the server has answered (ack or error). */
    long answers() {
        return answers.get();
    }

    /** Stops reading: what the server sends piles up in the socket buffers and then in the server. */
    void stopReading() {
        channel.config().setAutoRead(false);
    }

    /** Reads again: what the server did to this connection meanwhile (a close frame, a closed socket) shows. */
    void resumeReading() {
        channel.config().setAutoRead(true);
    }

    /** Waits until this many of its sends have been answered (ack or error), for at most half a minute. */
    void awaitAnswers(long count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answers.get() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Every text frame received: chat, presence, acknowledgements. */
    long framesReceived() {
        return frames.get();
    }

    /** Who the server said was online when this user connected, this user included. */
    List<String> onlineAtWelcome() {
        try (var reader = Json.createReader(new StringReader(welcome))) {
            return reader.readObject().getJsonArray("online").getValuesAs(JsonString::getString);
        }
    }

    /** Sequence numbers of the kept messages received, in the order they arrived. */
    List<Long> offlineOrder() {
        return List.copyOf(offlineOrder);
    }

    /** @return the close code the server sent, if it closed this connection; -1 if it closed without one */
    CompletableFuture<Integer> closedByServer() {
        return closed;
    }

    /** Why the server closed this connection, once it has: its close code and reason, or "no close frame". */
    String closeReason() {
        return closeReason;
    }

    void close() {
        Channel open = channel;
        if (open != null && open.isActive()) {
            open.writeAndFlush(new CloseWebSocketFrame(1000, "done"))
                    .addListener(written -> open.close());
            open.closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        channel = context.channel();
        channel.closeFuture().addListener(done -> {
            welcomed.completeExceptionally(new IllegalStateException(name + " closed before its welcome: "
                    + closeReason));
            closed.complete(-1);
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            closeReason = close.statusCode() + " " + close.reasonText();
            closed.complete(close.statusCode());
            context.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(frame instanceof TextWebSocketFrame textFrame)) {
            return;
        }
        frames.incrementAndGet();
        String text = textFrame.text();
        String type = field(text, "type");
        if ("message".equals(type)) {
            String body = field(text, "body");
            int colon = body.indexOf(':');
            long seq = Long.parseLong(body, 0, colon, 10);
            if (text.contains("\"offline\":true")) {
                offlineOrder.add(seq);
            }
            // direct messages only: catching up from the start also brings every message to everyone the log holds,
            // whose bodies are numbered by the generator from 0 as well
            if (recording && field(text, "to") != null) {
                stream.add(new CrashCheck.Received(number(text, "seq"), seq));
            }
            tally.received(seq, Long.parseLong(body, colon + 1, body.length(), 10), System.nanoTime());
        } else if ("ack".equals(type)) {
            ackedConversation = field(text, "conversation");
            answers.incrementAndGet();
            String ref = field(text, "ref");
            if (ref != null) {
                acked.put(ref, number(text, "seq"));
            }
        } else if ("caught-up".equals(type)) {
            caughtUp.complete(null);
        } else if ("error".equals(type)) {
            answers.incrementAndGet();
            tally.refused.incrementAndGet();
        } else if ("welcome".equals(type)) {
            welcome = text;
            welcomed.complete(this);
        }
    }

    /** The value of a string field whose value has no escapes, as the fields read here never do. */
    private static String field(String json, String key) {
        String marker = "\"" + key + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** The value of a numeric field. */
    private static long number(String json, String key) {
        String marker = "\"" + key + "\":";
        int start = json.indexOf(marker) + marker.length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json, start, end, 10);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        welcomed.completeExceptionally(cause);
        context.close();
    }
}
