package org.parley.live.control;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.log.control.LogSettings;
import org.parley.log.control.Marks;
import org.parley.log.control.MessageLog;
import org.parley.log.control.MessageStore;
import org.parley.log.entity.Conversation;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Excerpt;
import org.parley.protocol.ServerFrame.ReceiptStatus;
import org.parley.protocol.ServerFrame;
import org.parley.room.control.RoomMarks;
import org.parley.room.control.RoomReads;

/**
 * What clients confirm: that messages arrived ({@code received}) and that a conversation was read ({@code read}).
 * Each moves the user's mark forward and tells whoever should know: the senders of direct messages that they were
 * delivered or read, and the user's other devices what was read.
 */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class.getName());

    @Inject
    LogSettings logSettings;

    @Inject
    Marks marks;

    @Inject
    Refusals refusals;

    @Inject
    MessageStore store;

    @Inject
    MessageLog log;

    @Inject
    Connections connections;

    @Inject
    OtherServers otherServers;

    @Inject
    RoomReads rooms;

    @Inject
    RoomMarks roomMarks;

    /**
     * A client can confirm only what its connection was sent, so a client that claims more cannot skip its user's
     * other devices past messages they never had.
     */
    void received(Connection connection, long upTo) {
        String user = connection.user().value();
        long confirmed = Math.min(upTo, connection.gate().position());
        if (confirmed <= 0) {
            return;
        }
        OptionalLong before;
        try {
            before = marks.advanceDelivered(user, confirmed);
        } catch (EJBException e) {
            // two devices made the first mark at once; the next confirmation repeats this one
            LOG.log(Level.FINE, "A delivery mark was not moved", e);
            return;
        }
        if (before.isEmpty()) {
            return;
        }
        try {
            for (String sender : store.sendersTo(user, before.getAsLong(), confirmed)) {
                tell(sender, new ServerFrame.Receipt(Conversation.between(user, sender).id(),
                        ReceiptStatus.DELIVERED, confirmed).encode());
            }
        } catch (EJBException e) {
            // the mark moved; only the senders' "delivered" is lost, and the history still shows it
            LOG.log(Level.WARNING, "Could not tell the senders to " + user + " what was delivered", e);
        }
    }

    void read(Connection connection, String conversationId, long upTo) {
        String user = connection.user().value();
        Optional<Conversation> conversation = Conversation.parse(conversationId)
                .filter(c -> c.hasParticipant(user) || c.isRoom() && readsRoom(c, user));
        if (conversation.isEmpty()) {
            refusals.refuse(connection, ErrorCode.UNKNOWN_CONVERSATION,
                    "you take no part in a conversation called " + Excerpt.of(conversationId), null);
            return;
        }
        long read = Math.min(upTo, log.lastSeq());
        boolean moved;
        try {
            // a room's marks are kept with its members, for its unread counts (RoomMarks)
            moved = conversation.get().isRoom() ? roomMarks.advance(conversation.get().id(), user, read)
                    : marks.advanceRead(user, conversation.get(), read);
        } catch (EJBException | PersistenceException e) {
            LOG.log(Level.FINE, "A read mark was not moved", e);
            return;
        }
        if (!moved) {
            return;
        }
        tell(user, new ServerFrame.ReadUpTo(conversation.get().id(), read).encode());
        // a room's read marks go to the reader's own devices only: a room of 1,000 must not hear 1,000 per message
        if (conversation.get().isDirect() && logSettings.readReceipts()) {
            tell(conversation.get().partnerOf(user),
                    new ServerFrame.Receipt(conversation.get().id(), ReceiptStatus.READ, read).encode());
        }
    }

    /** Whether the user is in the room, or was and may still read what they could then. */
    private boolean readsRoom(Conversation room, String user) {
        return rooms.spansIn(user, room.id()).stream().anyMatch(span -> !span.notice());
    }

    private void tell(String user, String frame) {
        connections.connectionsOf(user).forEach(connection -> connection.send(frame));
        otherServers.tell(user, frame);
    }
}
