package org.parley.store.migration;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;

/**
 * Moves the offline messages that versions before the message log kept (table OFFLINE_MESSAGE) into the log, oldest
 * first and one insert at a time, so that the log numbers them in the order they were sent. Their recipients have
 * confirmed nothing yet, so each arrives, marked offline, at its recipient's next connection; expired ones stay
 * expired (their time is kept) and go with the next purge.
 */
public class KeptMessagesMove extends PlainTaskChange {

    private int moved;

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT MESSAGE_ID, SENDER, RECIPIENT, BODY, SENT_AT FROM OFFLINE_MESSAGE ORDER BY SEQ");
                PreparedStatement write = connection.prepareStatement("INSERT INTO MESSAGE"
                        + " (MESSAGE_ID, CONVERSATION, SENDER, RECIPIENT, BODY, SENT_AT) VALUES (?, ?, ?, ?, ?, ?)");
                ResultSet kept = read.executeQuery()) {
            while (kept.next()) {
                String sender = kept.getString(2);
                String recipient = kept.getString(3);
                write.setString(1, kept.getString(1));
                write.setString(2, directConversation(sender, recipient));
                write.setString(3, sender);
                write.setString(4, recipient);
                write.setString(5, kept.getString(4));
                write.setLong(6, kept.getLong(5));
                write.executeUpdate();
                moved++;
            }
        } catch (Exception e) {
            throw new CustomChangeException("Could not move the kept offline messages into the log", e);
        }
    }

    /**
     * The id the log gave a direct conversation when this migration was written: the two names in code point order,
     * joined by a colon. Written out here, not borrowed from the log, because a migration is history: it must mean
     * the same when the log's rule changes.
     */
    static String directConversation(String one, String other) {
        boolean ordered = Arrays.compare(one.codePoints().toArray(), other.codePoints().toArray()) < 0;
        return ordered ? one + ":" + other : other + ":" + one;
    }

    @Override
    public String getConfirmationMessage() {
        return "Moved " + moved + " kept offline messages into the message log";
    }
}
