package org.parley.protocol;

import jakarta.websocket.CloseReason;

/**
 * Every close code Parley sends, in one place; the reason sent with it says which case it is. What a client should
 * do after each is in docs/PROTOCOL.md ("Limits and close codes"). 1001 is not here: only the container sends it.
 */
public enum CloseCode {
    /**
     * The person must act before connecting again: turned away at connect (no valid ticket, a bad name, origin or
     * parameter), signed out, a new password, suspended, removed, disconnected by an operator, or flooding.
     */
    POLICY(CloseReason.CloseCodes.VIOLATED_POLICY),
    /** A frame larger than the limit. */
    TOO_BIG(CloseReason.CloseCodes.TOO_BIG),
    /** A fault of the server's: missed messages could not be read, a write failed, the connection could not start. */
    SERVER_FAULT(CloseReason.CloseCodes.UNEXPECTED_CONDITION),
    /** The server is stopping; everything it took is committed and written. */
    RESTARTING(CloseReason.CloseCodes.SERVICE_RESTART),
    /** The connection fell too far behind in reading what it was sent. */
    TRY_AGAIN_LATER(CloseReason.CloseCodes.TRY_AGAIN_LATER),
    /** No pong, and no other frame either, within the heartbeat timeout. */
    NO_PONG(CloseReason.CloseCodes.getCloseCode(4000));

    private final CloseReason.CloseCode code;

    CloseCode(CloseReason.CloseCode code) {
        this.code = code;
    }

    public int code() {
        return code.getCode();
    }

    /** @param reason what the person reads (a close frame's reason holds at most 123 bytes) */
    public CloseReason because(String reason) {
        return new CloseReason(code, reason);
    }
}
