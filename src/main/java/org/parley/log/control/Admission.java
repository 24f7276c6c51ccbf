package org.parley.log.control;

import java.sql.Connection;
import java.sql.SQLException;
import org.parley.log.entity.ChatMessage;

/**
 * Decides whether an entry may be numbered, in the transaction that commits it, and writes beside it what it
 * changes: so that what decides (a room's members, a ban) is exactly what the entries before it in the log left,
 * on every server of a chat, and nothing refused is ever numbered. Called by the log's writer only, in the log's
 * order ({@link LogWriter}); the rooms implement it.
 */
public interface Admission {

    /** Whether {@code entry} is one this admission decides on; the others go in as they are. */
    boolean decides(ChatMessage entry);

    /**
     * Admits the numbered entry, writing what it changes through {@code transaction}, or refuses it, writing nothing.
     *
     * @throws LogRefusal when the entry may not go in the log
     */
    void admit(Connection transaction, ChatMessage numbered) throws SQLException;
}
