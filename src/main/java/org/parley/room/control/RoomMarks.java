package org.parley.room.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How far each member has read each room, kept with their membership as a number and as a count: the room's count
 * of messages up to that number. A room's unread count is then its count now less the member's, read without
 * counting rows, for a person in hundreds of rooms. One's own messages move one's mark as they are committed
 * ({@link RoomLedger}); reading moves it here.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RoomMarks {

    private static final String STATE = "SELECT R.MESSAGES, R.LAST_MESSAGE_SEQ, M.READ_SEQ FROM ROOM R, ROOM_MEMBER M"
            + " WHERE R.ID = ? AND M.ROOM = R.ID AND M.PERSON = ?";
    // the messages after the mark up to the last one the count holds: all committed with it
    private static final String AFTER = "SELECT COUNT(*) FROM MESSAGE WHERE CONVERSATION = ? AND SEQ > ?"
            + " AND SEQ <= ? AND KIND IS NULL";
    private static final String ADVANCE = "UPDATE ROOM_MEMBER SET READ_SEQ = ?, READ_COUNT = ? WHERE ROOM = ?"
            + " AND PERSON = ? AND READ_SEQ < ?";

    @Inject
    RoomReads reads;

    /**
     * Moves the person's mark in the room forward to {@code upTo}.
     *
     * @return whether it moved (false: it was there or further already, or they were never in the room)
     */
    public boolean advance(String room, String person, long upTo) {
        try (Connection connection = reads.dataSource().getConnection()) {
            long messages;
            long lastMessage;
            try (PreparedStatement select = connection.prepareStatement(STATE)) {
                select.setString(1, room);
                select.setString(2, person);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getLong(3) >= upTo) {
                        return false;
                    }
                    // one row, one read: the count and the latest message's number were committed together
                    messages = row.getLong(1);
                    lastMessage = row.getLong(2);
                }
            }
            long count = messages;
            if (upTo < lastMessage) {
                try (PreparedStatement after = connection.prepareStatement(AFTER)) {
                    after.setString(1, room);
                    after.setLong(2, upTo);
                    after.setLong(3, lastMessage);
                    try (ResultSet row = after.executeQuery()) {
                        row.next();
                        count -= row.getLong(1);
                    }
                }
            }
            try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
                advance.setLong(1, upTo);
                advance.setLong(2, count);
                advance.setString(3, room);
                advance.setString(4, person);
                advance.setLong(5, upTo);
                return advance.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not move a read mark in " + room, e);
        }
    }
}
