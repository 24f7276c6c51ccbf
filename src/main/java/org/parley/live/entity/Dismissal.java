package org.parley.live.entity;

/**
 * A CDI event: every connection of the user on this server was closed for this reason (signed out, suspended,
 * removed, disconnected by an operator), and so must those on other servers sharing the chat be.
 */
public record Dismissal(String user, String reason) {
}
