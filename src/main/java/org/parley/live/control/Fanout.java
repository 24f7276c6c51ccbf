package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.parley.log.control.HandOn;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;
import org.parley.metrics.ParleyMetrics;
import org.parley.protocol.ServerFrame;
import org.parley.room.control.RoomRoster;

/**
 * Pushes a committed entry to every connection whose stream it belongs to (for a room's, its members' and the
 * person's it concerns: {@link RoomRoster}), and acknowledges it to its sender.
 * Called by the log's writer, one message at a time in the log's order, so every connection is offered its
 * messages in order; each connection's {@link StreamGate} decides whether to write one now.
 */
@ApplicationScoped
public class Fanout implements HandOn {

    /** A message this server took from a connection: acknowledged to it once pushed. */
    record Sent(Connection by, String ref, long arrivedNanos) {
    }

    /** An entry the server itself asked for (an operator's): {@code done} once it is committed and pushed. */
    record Awaited(CompletableFuture<ChatMessage> done) {
    }

    @Inject
    Connections connections;

    @Inject
    PresenceBoard presence;

    @Inject
    ParleyMetrics metrics;

    @Inject
    OtherServers otherServers;

    @Inject
    RoomRoster roster;

    @Override
    public void committed(List<ChatMessage> batch) {
        otherServers.committed(batch);
    }

    /** Another server's message is pushed to this server's connections of its stream, its sender's too. */
    @Override
    public void handOn(ChatMessage message, Object origin) {
        if (origin instanceof Sent sent) {
            metrics.stored(kindOf(message), System.nanoTime() - sent.arrivedNanos());
            push(message, sent.by(), sent.ref());
        } else {
            push(message, null, null);
            if (origin instanceof Awaited awaited) {
                awaited.done().complete(message);
            }
        }
    }

    @Override
    public boolean reaches(Header header) {
        return !connections.connectionsOf(header.recipient()).isEmpty()
                || !connections.connectionsOf(header.sender()).isEmpty();
    }

    /** @param sender the connection it came from, acknowledged after the push; null for another server's message */
    private void push(ChatMessage message, Connection sender, String ref) {
        // encoded once, the same text for every connection
        String frame = message.toFrame(false).encode();
        Stream<Connection> stream = message.isBroadcast() ? connections.all()
                : message.isInRoom() ? roster.audienceOf(message).stream()
                        .flatMap(person -> connections.connectionsOf(person).stream())
                : Stream.concat(connections.connectionsOf(message.recipient()).stream(),
                        connections.connectionsOf(message.sender()).stream());
        long written = 0;
        Iterable<Connection> reached = stream::iterator;
        for (Connection connection : reached) {
            // the connection a direct message came from has it already; its ack, just below, says where it went. A
            // room's entries go to it too, like messages to everyone: an event's ack does not say what it did
            if (connection == sender && message.isDirect()) {
                connection.passLive(message.seq());
            } else if (connection.offerLive(message.seq(), frame)) {
                written++;
            }
        }
        metrics.delivered(kindOf(message), ParleyMetrics.Path.LIVE, written);
        if (message.isDirect()) {
            presence.talked(message.sender(), message.recipient());
        }
        if (sender == null) {
            return;
        }
        sender.send(new ServerFrame.Ack(message.seq(), message.messageId(), message.conversationId(),
                message.sentAt(), ref).encode());
    }

    /** What the metrics count a message as. */
    static ParleyMetrics.Kind kindOf(ChatMessage message) {
        return message.isDirect() ? ParleyMetrics.Kind.DIRECT
                : message.isInRoom() ? ParleyMetrics.Kind.ROOM : ParleyMetrics.Kind.EVERYONE;
    }
}
