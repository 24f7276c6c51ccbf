package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import org.parley.protocol.ClientFrame;
import org.parley.protocol.CloseCode;
import org.parley.protocol.ErrorCode;

/**
 * Takes each frame a client sends: counts it against the sender's allowance, then hands it to whoever acts on it.
 * Every frame counts, unreadable ones too: answering them is work as well.
 */
@ApplicationScoped
public class Reception {

    @Inject
    FloodGuard floodGuard;

    @Inject
    MessageRouter router;

    @Inject
    RoomRequests rooms;

    @Inject
    Receipts receipts;

    @Inject
    Lobby lobby;

    @Inject
    PresenceBoard presence;

    @Inject
    Refusals refusals;

    public void receive(Connection sender, ClientFrame frame) {
        sender.heardFrom();
        if (frame instanceof ClientFrame.Oversized oversized) {
            lobby.drop(sender, CloseCode.TOO_BIG.because("frame larger than " + oversized.limit() + " bytes"));
            return;
        }
        switch (floodGuard.take(sender.user())) {
            case SEND -> act(sender, frame);
            case REFUSE_AND_SAY -> refusals.refuse(sender, ErrorCode.RATE_LIMITED, "slow down: " + floodGuard.limits()
                    + "; until then further frames are dropped unanswered", refOf(frame));
            case REFUSE -> {
                // answered once per run already
            }
            case ABUSE -> lobby.drop(sender, CloseCode.POLICY.because("flooding: " + floodGuard.limits()));
        }
    }

    /**
     * A pong: it shows the peer is there, and for a client that never confirms, it confirms what was written before
     * the ping it answers. Pongs are not counted against the allowance: one that
     * confirms nothing new costs a comparison.
     */
    public void ponged(Connection sender, ByteBuffer payload) {
        sender.ponged(payload, upTo -> receipts.received(sender, upTo));
    }

    private void act(Connection sender, ClientFrame frame) {
        if (frame instanceof ClientFrame.Send send && lobby.closing()) {
            refusals.refuse(sender, ErrorCode.UNAVAILABLE,
                    "the server is restarting; nothing was stored, send it again once reconnected", send.ref());
        } else if (frame instanceof ClientFrame.Send send) {
            router.route(sender, send);
        } else if (frame instanceof ClientFrame.Room room && lobby.closing()) {
            refusals.refuse(sender, ErrorCode.UNAVAILABLE,
                    "the server is restarting; nothing was stored, ask again once reconnected", room.ref());
        } else if (frame instanceof ClientFrame.Room room) {
            rooms.act(sender, room);
        } else if (frame instanceof ClientFrame.Received received) {
            sender.clientConfirms();
            receipts.received(sender, received.upTo());
        } else if (frame instanceof ClientFrame.Read read) {
            receipts.read(sender, read.conversation(), read.upTo());
        } else if (frame instanceof ClientFrame.Watch watch) {
            presence.watch(sender, watch.users());
        } else if (frame instanceof ClientFrame.Refused refused) {
            refusals.refuse(sender, refused.code(), refused.message(), refused.ref());
        }
    }

    private static String refOf(ClientFrame frame) {
        return frame instanceof ClientFrame.Send send ? send.ref()
                : frame instanceof ClientFrame.Room room ? room.ref()
                : frame instanceof ClientFrame.Refused refused ? refused.ref() : null;
    }
}
