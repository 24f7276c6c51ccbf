package org.parley.log.control;

import java.util.List;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;

/**
 * Whoever takes committed messages from the log (the live connections): the one way a message leaves the log, this
 * server's and other servers' alike. Called by the log's writer, one call at a time.
 */
public interface HandOn {

    /** A batch this server committed, numbered, before any of it is handed on. */
    void committed(List<ChatMessage> batch);

    /**
     * The next message in the log's order.
     *
     * @param origin what {@link MessageLog#append} was given with it, or null for a message another server committed
     */
    void handOn(ChatMessage message, Object origin);

    /** Whether a direct message between these people would reach a connection here now. */
    boolean reaches(Header header);
}
