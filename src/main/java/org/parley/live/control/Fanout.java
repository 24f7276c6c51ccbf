package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.CommittedElsewhere;
import org.parley.metrics.ParleyMetrics;
import org.parley.protocol.ServerFrame;

/**
 * Pushes a committed message to every connection whose stream it belongs to, and acknowledges it to its sender.
 * Called by the log's writer, one message at a time in the log's order, so every connection is offered its
 * messages in order; each connection's {@link StreamGate} decides whether to write one now.
 */
@ApplicationScoped
public class Fanout {

    @Inject
    ConnectionRegistry registry;

    @Inject
    PresenceBoard presence;

    @Inject
    ParleyMetrics metrics;

    /** A message another server committed: pushed to this server's connections of its stream, the sender's too. */
    void pushFromElsewhere(@Observes CommittedElsewhere committed) {
        push(committed.message(), null, null);
    }

    /** @param sender the connection it came from, acknowledged after the push; null for another server's message */
    void push(ChatMessage message, Connection sender, String ref) {
        // encoded once, the same text for every connection
        String frame = message.toFrame(false).encode();
        Stream<Connection> stream = message.isBroadcast() ? registry.all()
                : Stream.concat(registry.connectionsOf(message.recipient()).stream(),
                        registry.connectionsOf(message.sender()).stream());
        long written = 0;
        Iterable<Connection> connections = stream::iterator;
        for (Connection connection : connections) {
            // the connection a direct message came from has it already; its ack, just below, says where it went
            if (connection == sender && !message.isBroadcast()) {
                connection.passLive(message.seq());
            } else if (connection.offerLive(message.seq(), frame)) {
                written++;
            }
        }
        metrics.delivered(!message.isBroadcast(), ParleyMetrics.Path.LIVE, written);
        if (!message.isBroadcast()) {
            presence.talked(message.sender(), message.recipient());
        }
        if (sender == null) {
            return;
        }
        sender.send(new ServerFrame.Ack(message.seq(), message.messageId(), message.conversation().id(),
                message.sentAt(), ref).encode());
    }
}
