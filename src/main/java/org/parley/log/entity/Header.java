package org.parley.log.entity;

/**
 * A direct message's number and people without its text: what a server that committed it tells the others when none
 * of their connections was thought to want it. Enough to keep the log's order there, and to read the message from
 * the log should one of its people have connected there meanwhile.
 */
public record Header(long seq, String sender, String recipient) {

    public static Header of(ChatMessage message) {
        return new Header(message.seq(), message.sender(), message.recipient());
    }
}
