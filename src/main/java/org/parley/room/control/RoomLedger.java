package org.parley.room.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.account.control.NamePolicy;
import org.parley.log.control.Admission;
import org.parley.log.control.LogRefusal;
import org.parley.log.entity.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.room.entity.History;
import org.parley.room.entity.Membership;
import org.parley.room.entity.Role;
import org.parley.room.entity.RoomEvent;
import org.parley.room.entity.RoomSummary;
import org.parley.room.entity.Standing;
import org.parley.web.Json;

/**
 * Admits a room's entries to the log in the transaction that commits them ({@link Admission}): reads what the rules
 * need, asks {@link RoomRules}, and writes what the entry changes (the room, who stands where, the spans of the
 * room each stream holds) through the same connection. The log's writer calls it in the log's order, one batch at a
 * time, so the state every entry is decided on is exactly what the entries before it left.
 */
@ApplicationScoped
public class RoomLedger implements Admission {

    static final String ROOM = "SELECT NAME, TOPIC, IS_PUBLIC, HISTORY, MEMBERS, CREATED_SEQ, LAST_SEQ, CLOSED_SEQ,"
            + " MESSAGES, LAST_MESSAGE_SEQ FROM ROOM WHERE ID = ?";
    private static final String EVERYONE_IN = "SELECT PERSON, STANDING, ROLE, SINCE_SEQ FROM ROOM_MEMBER WHERE ROOM = ?"
            + " AND STANDING IN ('joined', 'invited')";
    private static final String CLOSE = "UPDATE ROOM SET CLOSED_SEQ = ? WHERE ID = ?";
    static final String MEMBER = "SELECT STANDING, ROLE, SINCE_SEQ FROM ROOM_MEMBER WHERE ROOM = ? AND PERSON = ?";
    // the member who has stood highest longest: whom the room goes to when its last owner's account is removed
    private static final String SUCCESSOR = "SELECT PERSON FROM ROOM_MEMBER WHERE ROOM = ? AND STANDING = 'joined'"
            + " AND PERSON <> ? ORDER BY CASE ROLE WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, SINCE_SEQ";
    private static final String ROOMS_OF = "SELECT COUNT(*) FROM ROOM_MEMBER WHERE PERSON = ? AND STANDING = 'joined'";
    private static final String OWNERS = "SELECT COUNT(*) FROM ROOM_MEMBER WHERE ROOM = ? AND STANDING = 'joined'"
            + " AND ROLE = 'owner'";
    private static final String CREATE = "INSERT INTO ROOM (ID, NAME, TOPIC, IS_PUBLIC, HISTORY, MEMBERS,"
            + " CREATED_SEQ, LAST_SEQ, MESSAGES, LAST_MESSAGE_SEQ) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 0, 0)";
    private static final String TOUCH = "UPDATE ROOM SET LAST_SEQ = ?, MEMBERS = MEMBERS + ? WHERE ID = ?";
    private static final String COUNT_MESSAGE = "UPDATE ROOM SET LAST_SEQ = ?, MESSAGES = MESSAGES + 1,"
            + " LAST_MESSAGE_SEQ = ? WHERE ID = ?";
    // one's own message is read: a sender never has their own messages unread
    private static final String READ_OWN = "UPDATE ROOM_MEMBER SET READ_SEQ = ?, READ_COUNT = ? WHERE ROOM = ?"
            + " AND PERSON = ? AND READ_SEQ < ?";
    private static final String RENAME = "UPDATE ROOM SET NAME = ? WHERE ID = ?";
    private static final String RETOPIC = "UPDATE ROOM SET TOPIC = ? WHERE ID = ?";
    private static final String STAND = "UPDATE ROOM_MEMBER SET STANDING = ?, ROLE = ?, SINCE_SEQ = ? WHERE ROOM = ?"
            + " AND PERSON = ?";
    // one who joins has read what came before: unread counts start at their joining
    private static final String READ_FROM = "UPDATE ROOM_MEMBER SET READ_SEQ = ?, READ_COUNT = ? WHERE ROOM = ?"
            + " AND PERSON = ?";
    private static final String FIRST_STAND = "INSERT INTO ROOM_MEMBER (STANDING, ROLE, SINCE_SEQ, ROOM, PERSON,"
            + " READ_SEQ, READ_COUNT) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String OPEN_SPAN = "INSERT INTO ROOM_SPAN (PERSON, ROOM, FROM_SEQ, UNTIL_SEQ, NOTICE)"
            + " VALUES (?, ?, ?, NULL, FALSE)";
    private static final String NOTICE = "INSERT INTO ROOM_SPAN (PERSON, ROOM, FROM_SEQ, UNTIL_SEQ, NOTICE)"
            + " VALUES (?, ?, ?, ?, TRUE)";
    private static final String CLOSE_SPAN = "UPDATE ROOM_SPAN SET UNTIL_SEQ = ? WHERE PERSON = ? AND ROOM = ?"
            + " AND UNTIL_SEQ IS NULL";
    private static final String CLAIM = "INSERT INTO ROOM_NAME_CLAIM (CLAIM, ROOM) VALUES (?, ?)";
    private static final String UNCLAIM = "DELETE FROM ROOM_NAME_CLAIM WHERE ROOM = ?";
    private static final String CLAIMED = "SELECT ROOM FROM ROOM_NAME_CLAIM WHERE CLAIM = ?";

    @Inject
    RoomSettings settings;

    @Override
    public boolean decides(ChatMessage entry) {
        return entry.isInRoom();
    }

    @Override
    public void admit(Connection transaction, ChatMessage numbered) throws SQLException {
        RoomRules.Request request = requestOf(numbered);
        String room = numbered.conversationId();
        RoomSummary summary = room(transaction, room);
        Membership actor = member(transaction, room, request.actor());
        Membership person = request.person().equals(request.actor()) ? actor
                : member(transaction, room, request.person());
        boolean countsOwners = request.event() == RoomEvent.LEFT || request.event() == RoomEvent.ROLE;
        int owners = countsOwners ? count(transaction, OWNERS, room) : 0;
        boolean open = summary == null ? Boolean.TRUE.equals(request.open()) : summary.open();
        boolean claimsName = request.name() != null && open;
        boolean nameTaken = claimsName && nameTaken(transaction, room, request.name());
        String successor = request.removed() && actor != null && actor.role() == Role.OWNER
                ? successor(transaction, room, request.actor()) : null;
        List<Membership> everyone = request.event() == RoomEvent.CLOSED ? everyoneIn(transaction, room) : List.of();
        RoomRules.Effects effects = RoomRules.decide(new RoomRules.View(summary, actor, person, owners, nameTaken,
                successor, everyone), request);
        withinLimits(transaction, request, summary, effects);
        long seq = numbered.seq();
        if (request.event() == RoomEvent.CREATED) {
            History history = request.history() != null ? request.history() : History.defaultFor(open);
            update(transaction, CREATE, room, request.name(), request.topic() == null ? "" : request.topic(), open,
                    history.wireName(), seq, seq);
        } else if (request.event() == RoomEvent.RENAMED) {
            update(transaction, RENAME, request.name(), room);
            if (open) {
                update(transaction, UNCLAIM, room);
            }
        } else if (request.event() == RoomEvent.TOPIC) {
            update(transaction, RETOPIC, request.topic(), room);
        } else if (request.event() == RoomEvent.CLOSED) {
            update(transaction, CLOSE, seq, room);
            // a closed public room's name is free for another
            update(transaction, UNCLAIM, room);
        }
        if (claimsName) {
            for (String claim : NamePolicy.roomNameClaims(request.name())) {
                update(transaction, CLAIM, claim, room);
            }
        }
        long messages = summary == null ? 0 : summary.messages();
        if (request.event() == null) {
            update(transaction, COUNT_MESSAGE, seq, seq, room);
            update(transaction, READ_OWN, seq, messages + 1, room, request.actor(), seq);
        } else {
            update(transaction, TOUCH, seq, effects.membersDelta(), room);
        }
        for (RoomRules.Change change : effects.changes()) {
            apply(transaction, room, change, seq, messages);
        }
    }

    /** The rules say who may; the operator's limits say how many: a room's members, one person's rooms. */
    private void withinLimits(Connection transaction, RoomRules.Request request, RoomSummary room,
            RoomRules.Effects effects) throws SQLException {
        if (effects.membersDelta() <= 0) {
            return;
        }
        if (room != null && room.members() + effects.membersDelta() > settings.members()) {
            throw new LogRefusal(ErrorCode.ROOM_FULL, room.name() + " has the most members a room may have ("
                    + settings.members() + ")");
        }
        if (count(transaction, ROOMS_OF, request.actor()) >= settings.roomsPerPerson()) {
            throw new LogRefusal(ErrorCode.TOO_MANY_ROOMS, "you are in the most rooms one may be in ("
                    + settings.roomsPerPerson() + "): leave one first");
        }
    }

    /** @param messages the room's chat messages before this entry (an event: none of them) */
    private static void apply(Connection transaction, String room, RoomRules.Change change, long seq, long messages)
            throws SQLException {
        Object[] standing = {change.standing().wireName(), change.role().wireName(), seq, room, change.person()};
        if (update(transaction, STAND, standing) == 0) {
            update(transaction, FIRST_STAND, change.standing().wireName(), change.role().wireName(), seq, room,
                    change.person(), seq, messages);
        } else if (change.span() == RoomRules.SpanChange.OPEN) {
            update(transaction, READ_FROM, seq, messages, room, change.person());
        }
        switch (change.span()) {
            case OPEN -> update(transaction, OPEN_SPAN, change.person(), room, seq);
            case CLOSE -> update(transaction, CLOSE_SPAN, seq, change.person(), room);
            case NOTICE -> update(transaction, NOTICE, change.person(), room, seq, seq);
            case NONE -> {
                // the stream holds the room as before
            }
        }
    }

    /** The request an entry makes, from its kind and the details its body holds. */
    static RoomRules.Request requestOf(ChatMessage entry) {
        String room = entry.conversationId();
        if (entry.kind() == null) {
            return RoomRules.Request.message(entry.sender(), room);
        }
        RoomEvent event = RoomEvent.of(entry.kind()).orElseThrow(() -> new IllegalArgumentException(
                "no room event is called " + entry.kind()));
        JsonObject details = Json.PROVIDER.createReader(new StringReader(entry.body())).readObject();
        String person = details.getString("person", entry.sender());
        Role role = Role.of(details.getString("role", null)).orElse(null);
        Boolean open = details.containsKey("public") ? details.getBoolean("public") : null;
        History history = History.of(details.getString("history", null)).orElse(null);
        return new RoomRules.Request(event, entry.sender(), room, person, role, details.getString("name", null),
                details.getString("topic", null), open, history, details.getBoolean("removed", false),
                details.getBoolean("operator", false));
    }

    static RoomSummary room(Connection connection, String room) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ROOM)) {
            select.setString(1, room);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new RoomSummary(room, row.getString(1), row.getString(2), row.getBoolean(3),
                        History.of(row.getString(4)).orElseThrow(), row.getInt(5), row.getLong(6), row.getLong(7),
                        row.getLong(8), row.getLong(9), row.getLong(10)) : null;
            }
        }
    }

    static Membership member(Connection connection, String room, String person) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(MEMBER)) {
            select.setString(1, room);
            select.setString(2, person);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Membership(room, person, Standing.of(row.getString(1)).orElseThrow(),
                        Role.of(row.getString(2)).orElseThrow(), row.getLong(3)) : null;
            }
        }
    }

    private static List<Membership> everyoneIn(Connection connection, String room) throws SQLException {
        List<Membership> members = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(EVERYONE_IN)) {
            select.setString(1, room);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(new Membership(room, rows.getString(1), Standing.of(rows.getString(2)).orElseThrow(),
                            Role.of(rows.getString(3)).orElseThrow(), rows.getLong(4)));
                }
            }
        }
        return members;
    }

    private static String successor(Connection connection, String room, String leaving) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SUCCESSOR)) {
            select.setString(1, room);
            select.setString(2, leaving);
            select.setMaxRows(1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static int count(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Whether another public room's name claims any of what this one would. */
    private static boolean nameTaken(Connection connection, String room, String name) throws SQLException {
        Set<String> claims = NamePolicy.roomNameClaims(name);
        try (PreparedStatement select = connection.prepareStatement(CLAIMED)) {
            for (String claim : claims) {
                select.setString(1, claim);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next() && !row.getString(1).equals(room)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }
}
