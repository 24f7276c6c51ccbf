package org.parley.live.entity;

/**
 * A CDI event, fired holding the user's line: the user's first connection to this server opened ({@code online}),
 * or their last one here closed. Whether they are online at all is another matter when other servers share the chat.
 */
public record HereChanged(String user, boolean online) {
}
