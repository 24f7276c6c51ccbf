package org.parley.live.entity;

/**
 * A CDI event: a frame every connection of the user is sent (a receipt, what another device read), sent here to
 * this server's connections; other servers of the chat send it to theirs.
 */
public record Notice(String user, String frame) {
}
