package org.parley.protocol;

/** The {@code code} of an error frame; the wire names are listed in docs/PROTOCOL.md. */
public enum ErrorCode {
    INVALID_FRAME("invalid-frame"),
    UNKNOWN_TYPE("unknown-type"),
    BINARY_UNSUPPORTED("binary-unsupported"),
    EMPTY_BODY("empty-body"),
    SELF_MESSAGE("self-message"),
    INVALID_RECIPIENT("invalid-recipient"),
    UNKNOWN_USER("unknown-user"),
    MAILBOX_FULL("mailbox-full"),
    RATE_LIMITED("rate-limited"),
    UNKNOWN_CONVERSATION("unknown-conversation"),
    UNKNOWN_ROOM("unknown-room"),
    NOT_MEMBER("not-member"),
    NOT_ALLOWED("not-allowed"),
    BANNED("banned"),
    INVALID_ROOM("invalid-room"),
    ROOM_NAME_TAKEN("room-name-taken"),
    LAST_OWNER("last-owner"),
    NO_CHANGE("no-change"),
    ROOM_FULL("room-full"),
    TOO_MANY_ROOMS("too-many-rooms"),
    ROOM_QUOTA("room-quota"),
    UNAVAILABLE("unavailable");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
