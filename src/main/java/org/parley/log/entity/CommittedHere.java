package org.parley.log.entity;

import java.util.List;

/** A CDI event: messages this server just committed to the log, in their order, for servers sharing the log. */
public record CommittedHere(List<ChatMessage> messages) {
}
