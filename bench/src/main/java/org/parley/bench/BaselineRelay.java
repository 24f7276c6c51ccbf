package org.parley.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.AttributeKey;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yardstick: a WebSocket relay that speaks the part of Parley's protocol the load generator uses (JSON
 * {@code send} in; {@code welcome}, {@code message} and {@code ack} out) with nothing behind it but a map of
 * user to channel: no store, no checks, no presence. What Parley achieves is read against what this achieves on
 * the same machine. Bench-only code. Run as {@code java -cp ... org.parley.bench.BaselineRelay PORT}.
 */
public final class BaselineRelay {

    private static final AttributeKey<String> USER = AttributeKey.valueOf("user");
    // looked up once: Json.createXxx() looks the provider up on every call, a service-loader scan of the class path
    private static final JsonProvider JSON = JsonProvider.provider();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    public static void main(String[] args) throws InterruptedException {
        new BaselineRelay().serve(Integer.parseInt(args[0]));
    }

    void serve(int port) throws InterruptedException {
        EventLoopGroup boss = BenchNetwork.group(1);
        EventLoopGroup workers = BenchNetwork.group(1);
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(BenchNetwork.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler("/parley/ws", null, false, 65536, false, true),
                                    new Relay());
                        }
                    }).bind("127.0.0.1", port).sync().channel();
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    private final class Relay extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof HandshakeComplete handshake) {
                String user = new QueryStringDecoder(handshake.requestUri()).parameters().get("user").get(0);
                context.channel().attr(USER).set(user);
                channels.put(user, context.channel());
                context.channel().closeFuture().addListener(closed -> channels.remove(user, context.channel()));
                context.writeAndFlush(new TextWebSocketFrame(JSON.createObjectBuilder().add("type", "welcome")
                        .add("user", user).build().toString()));
            } else {
                super.userEventTriggered(context, event);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            JsonObject send;
            try (var reader = JSON.createReader(new StringReader(frame.text()))) {
                send = reader.readObject();
            }
            String from = context.channel().attr(USER).get();
            String id = UUID.randomUUID().toString();
            String sentAt = Instant.now().toString();
            var message = JSON.createObjectBuilder().add("type", "message").add("id", id).add("from", from);
            String to = send.getString("to", null);
            if (to != null) {
                message.add("to", to);
            }
            String text = message.add("body", send.getString("body")).add("sentAt", sentAt).build().toString();
            if (to == null) {
                channels.values().forEach(channel -> channel.writeAndFlush(new TextWebSocketFrame(text)));
            } else {
                Channel recipient = channels.get(to);
                if (recipient != null) {
                    recipient.writeAndFlush(new TextWebSocketFrame(text));
                }
            }
            context.writeAndFlush(new TextWebSocketFrame(JSON.createObjectBuilder().add("type", "ack").add("id", id)
                    .add("status", "delivered").add("sentAt", sentAt).build().toString()));
        }
    }
}
