package org.parley.room.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.parley.log.control.MessageStore;
import org.parley.log.entity.ChatMessage;
import org.parley.metrics.ParleyMetrics;
import org.parley.room.entity.History;
import org.parley.room.entity.Membership;
import org.parley.room.entity.Role;
import org.parley.room.entity.RoomSummary;
import org.parley.room.entity.Span;
import org.parley.room.entity.Standing;
import org.parley.store.DataSourceChoice;

/**
 * Reads what the rooms' events made ({@link RoomLedger} writes it): each call its own read, committed data only.
 * Plain JDBC, like the ledger, so that one class pair holds every statement on the rooms' tables.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RoomReads {

    private static final String SPANS = "SELECT S.ROOM, S.FROM_SEQ, S.UNTIL_SEQ, S.NOTICE FROM ROOM_SPAN S, ROOM R"
            + " WHERE S.PERSON = ? AND R.ID = S.ROOM AND (S.UNTIL_SEQ IS NULL OR S.UNTIL_SEQ > ?) AND R.LAST_SEQ > ?";
    private static final String SPANS_IN = "SELECT FROM_SEQ, UNTIL_SEQ, NOTICE FROM ROOM_SPAN WHERE PERSON = ?"
            + " AND ROOM = ? ORDER BY FROM_SEQ";
    private static final String AUDIENCE = "SELECT PERSON FROM ROOM_SPAN WHERE ROOM = ? AND NOTICE = FALSE"
            + " AND FROM_SEQ <= ? AND (UNTIL_SEQ IS NULL OR UNTIL_SEQ >= ?)";
    private static final String MEMBERS = "SELECT PERSON, STANDING, ROLE, SINCE_SEQ FROM ROOM_MEMBER WHERE ROOM = ?"
            + " AND PERSON > ? AND STANDING IN ('joined', 'invited') ORDER BY PERSON";
    private static final String ROOMS_OF = "SELECT R.ID, R.NAME, R.TOPIC, R.IS_PUBLIC, R.HISTORY, R.MEMBERS,"
            + " R.CREATED_SEQ, R.LAST_SEQ, R.CLOSED_SEQ, R.MESSAGES, R.LAST_MESSAGE_SEQ, M.STANDING, M.ROLE,"
            + " M.SINCE_SEQ, M.READ_SEQ, M.READ_COUNT, L.MESSAGE_ID, L.SENDER, L.BODY, L.SENT_AT"
            + " FROM ROOM_MEMBER M JOIN ROOM R ON R.ID = M.ROOM LEFT OUTER JOIN MESSAGE L ON L.SEQ = R.LAST_MESSAGE_SEQ"
            + " WHERE M.PERSON = ? AND M.STANDING IN ('joined', 'invited') ORDER BY R.LAST_SEQ DESC";
    private static final String DIRECTORY = "SELECT ID, NAME, TOPIC, IS_PUBLIC, HISTORY, MEMBERS, CREATED_SEQ,"
            + " LAST_SEQ, CLOSED_SEQ, MESSAGES, LAST_MESSAGE_SEQ FROM ROOM WHERE IS_PUBLIC = TRUE AND CLOSED_SEQ IS NULL"
            + " AND LOWER(NAME) LIKE ? ESCAPE '!' ORDER BY MEMBERS DESC, NAME";
    // for operators: every room, private ones too, closed ones last
    private static final String ALL = "SELECT ID, NAME, TOPIC, IS_PUBLIC, HISTORY, MEMBERS, CREATED_SEQ,"
            + " LAST_SEQ, CLOSED_SEQ, MESSAGES, LAST_MESSAGE_SEQ FROM ROOM WHERE LOWER(NAME) LIKE ? ESCAPE '!'"
            + " ORDER BY CASE WHEN CLOSED_SEQ IS NULL THEN 0 ELSE 1 END, MEMBERS DESC, NAME";

    /**
     * A room and where its reader stands with it: how far they read it, how many of its messages from others came
     * after that ({@code unread}: its count of messages then and now, no rows counted), and its latest message if
     * the reader may read it (a member, of a room whose history they see from before it; not yet purged).
     */
    public record Mine(RoomSummary room, Membership membership, long readUpTo, long unread,
            Optional<ChatMessage> last) {
    }

    @Inject
    DataSourceChoice dataSources;

    @Inject
    ParleyMetrics metrics;

    // looked up at the first read; a test gives its own
    DataSource dataSource;

    // read at each scrape: a count of a table the size of the rooms, not of the log
    void measure(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.gauge("parley_rooms", "Rooms, public and private", () -> {
            try {
                return read(connection -> {
                    try (PreparedStatement select = prepare(connection, "SELECT COUNT(*) FROM ROOM");
                            ResultSet row = select.executeQuery()) {
                        row.next();
                        return row.getLong(1);
                    }
                });
            } catch (PersistenceException e) {
                return Double.NaN;
            }
        });
    }

    /**
     * The spans of rooms that {@code person}'s stream holds after {@code after}: those still open or ending after
     * it, of rooms with an entry after it (most rooms of a person who reconnects have none).
     */
    public List<Span> spansAfter(String person, long after) {
        return read(connection -> {
            List<Span> spans = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, SPANS, person, after, after);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    spans.add(new Span(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getBoolean(4)));
                }
            }
            return spans;
        });
    }

    /** What of the rooms {@code person}'s stream holds after {@code after}, as the log reads it. */
    public List<MessageStore.Stretch> stretchesAfter(String person, long after) {
        return spansAfter(person, after).stream().map(span -> new MessageStore.Stretch(span.room(),
                span.fromSeq() - 1, span.isOpen() ? Long.MAX_VALUE : span.untilSeq())).toList();
    }

    /** Every span of one room that {@code person}'s stream has held, oldest first. */
    public List<Span> spansIn(String person, String room) {
        return read(connection -> {
            List<Span> spans = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, SPANS_IN, person, room);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    spans.add(new Span(room, rows.getLong(1), rows.getLong(2), rows.getBoolean(3)));
                }
            }
            return spans;
        });
    }

    /** Who was a member of the room at entry {@code seq}: whose streams hold it. */
    public Set<String> membersAt(String room, long seq) {
        return read(connection -> {
            Set<String> members = new LinkedHashSet<>();
            try (PreparedStatement select = prepare(connection, AUDIENCE, room, seq, seq);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
            }
            return members;
        });
    }

    public Optional<RoomSummary> room(String room) {
        return Optional.ofNullable(read(connection -> RoomLedger.room(connection, room)));
    }

    public Optional<Membership> membership(String room, String person) {
        return Optional.ofNullable(read(connection -> RoomLedger.member(connection, room, person)));
    }

    /**
     * Members and those invited, by name, a page of up to {@code max} after {@code after} (empty: from the first): a
     * room of thousands is read a page at a time.
     */
    public List<Membership> members(String room, String after, int max) {
        return read(connection -> {
            List<Membership> members = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, MEMBERS, room, after)) {
                select.setMaxRows(max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(new Membership(room, rows.getString(1),
                                Standing.of(rows.getString(2)).orElseThrow(), Role.of(rows.getString(3)).orElseThrow(),
                                rows.getLong(4)));
                    }
                }
            }
            return members;
        });
    }

    /** The rooms {@code person} is in or invited to, the latest active first. */
    public List<Mine> roomsOf(String person) {
        return read(connection -> {
            List<Mine> rooms = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, ROOMS_OF, person);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RoomSummary room = summary(rows);
                    Membership membership = new Membership(room.id(), person,
                            Standing.of(rows.getString(12)).orElseThrow(), Role.of(rows.getString(13)).orElseThrow(),
                            rows.getLong(14));
                    String lastId = rows.getString(17);
                    boolean readable = lastId != null && membership.standing() == Standing.JOINED
                            && (room.history() == History.SHARED || room.lastMessageSeq() > membership.sinceSeq());
                    Optional<ChatMessage> last = readable ? Optional.of(ChatMessage.inRoom(lastId, rows.getString(18),
                            room.id(), null, rows.getString(19), Instant.ofEpochMilli(rows.getLong(20)))
                            .numbered(room.lastMessageSeq())) : Optional.empty();
                    rooms.add(new Mine(room, membership, rows.getLong(15),
                            Math.max(0, room.messages() - rows.getLong(16)), last));
                }
            }
            return rooms;
        });
    }

    /** Public rooms whose names hold {@code search} in any case, the biggest first; none closed. */
    public List<RoomSummary> directory(String search, int max) {
        return search(DIRECTORY, search, max);
    }

    /** Every room whose name holds {@code search} in any case, private and closed ones too: for operators. */
    public List<RoomSummary> everyRoom(String search, int max) {
        return search(ALL, search, max);
    }

    private List<RoomSummary> search(String sql, String search, int max) {
        String pattern = "%" + search.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%";
        return read(connection -> {
            List<RoomSummary> rooms = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, sql, pattern)) {
                select.setMaxRows(max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rooms.add(summary(rows));
                    }
                }
            }
            return rooms;
        });
    }

    private static RoomSummary summary(ResultSet rows) throws SQLException {
        return new RoomSummary(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
                History.of(rows.getString(5)).orElseThrow(), rows.getInt(6), rows.getLong(7), rows.getLong(8),
                rows.getLong(9), rows.getLong(10), rows.getLong(11));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private interface Read<T> {
        T from(Connection connection) throws SQLException;
    }

    private <T> T read(Read<T> read) {
        try (Connection connection = dataSource().getConnection()) {
            return read.from(connection);
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the rooms", e);
        }
    }

    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = dataSources.require();
        }
        return dataSource;
    }
}
