package org.parley.live.control;

import java.util.List;
import org.parley.log.entity.ChatMessage;

/**
 * The rest of the chat, when other servers share it: everything the live connections tell them goes through here.
 * When this server is the only one it is {@link #NONE}, which does nothing, so the single-server path runs no
 * cluster code. Other servers' word comes the other way, down into {@link Lobby} and the log.
 */
public interface OtherServers {

    /** A batch this server committed, numbered, before any of it is handed on here. */
    void committed(List<ChatMessage> batch);

    /** The user's first connection here opened ({@code here}) or the last one closed. Called holding the user's line. */
    void placeChanged(String user, boolean here);

    /** A frame for the user's connections on the other servers: a receipt, or what another device read. */
    void tell(String user, String frame);

    /** The user's connections on the other servers close with this reason (1008). */
    void dismiss(String user, String reason);

    /** This server is the only one. */
    OtherServers NONE = new OtherServers() {
        @Override
        public void committed(List<ChatMessage> batch) {
        }

        @Override
        public void placeChanged(String user, boolean here) {
        }

        @Override
        public void tell(String user, String frame) {
        }

        @Override
        public void dismiss(String user, String reason) {
        }
    };
}
