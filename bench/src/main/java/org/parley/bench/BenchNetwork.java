package org.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The generator's side of the wire: one event loop thread for every simulated user, on epoll where Linux offers it.
 * One thread, because the generator has one core; a thread per connection (as the Tyrus client starts) would
 * measure the generator instead of the server.
 */
final class BenchNetwork implements AutoCloseable {

    final EventLoopGroup loop;

    BenchNetwork() {
        loop = group(1);
    }

    static EventLoopGroup group(int threads) {
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }

    static Class<? extends SocketChannel> socketChannel() {
        return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerChannel> serverChannel() {
        return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static String transport() {
        return Epoll.isAvailable() ? "epoll" : "NIO";
    }

    /** @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's (self-tuning) default */
    Bootstrap bootstrap(int receiveBuffer) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        return receiveBuffer > 0 ? bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer) : bootstrap;
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
