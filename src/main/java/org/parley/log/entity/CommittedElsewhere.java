package org.parley.log.entity;

/**
 * A CDI event: a message another server committed to the log, fired in the log's order among this server's own, for
 * whoever pushes messages to this server's connections.
 */
public record CommittedElsewhere(ChatMessage message) {
}
