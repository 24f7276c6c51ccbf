package org.parley.log.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.parley.store.DataSourceChoice;

/**
 * The log's numbering in the database: its head ({@code LOG_FLOOR}), and how servers that share the log number their
 * batches side by side, with the numbers reserved and not yet committed.
 * <p>
 * A server numbers a batch in a short transaction of its own ({@link #reserve}): it writes a row of
 * {@code LOG_RESERVATION} with a number at or below the first it will take (one past the head it last saw), then raises
 * {@code LOG_FLOOR} by the batch's size, which holds that one row until this transaction commits. It then commits the
 * batch in a second transaction that begins by deleting its row ({@link #claim}), so the messages and the end of their
 * reservation become visible together. What every server of the chat waits on is one statement and a commit a batch
 * (on PostgreSQL both inside the database, in one round trip), not the batch's inserts and its commit.
 * <p>
 * Numbers then become visible out of order: one server may commit 21–30 while another's 11–20 are not committed
 * yet. Readers go by {@link #committedUpTo}: the head ({@code LOG_FLOOR}), read first, lowered below the lowest
 * reservation still there, read second. Every number at or below the head read was reserved by a transaction
 * committed before that read, which wrote its row, with a number no higher, in the same commit; by the second read
 * that row is gone only if its batch committed, or failed and will never commit. So every number up to the position is committed, or never
 * will be: the promise {@link CommitOrder} and a client's {@code since} rest on.
 * <p>
 * A reservation whose server stopped between its two transactions (killed, cut off) would hold every reader back;
 * another server voids it once it has stood unchanged for {@link #STALE} ({@link #voidStale}). That is safe even if
 * the server was only slow: its batch then finds no row to claim and rolls back, and its senders are told.
 */
@ApplicationScoped
public class Reservations {

    private static final Logger LOG = Logger.getLogger(Reservations.class.getName());

    /** How long a reservation may stand unchanged before another server voids it. */
    static final Duration STALE = Duration.ofSeconds(2);

    private static final String ADVANCE = "UPDATE LOG_FLOOR SET SEQ = SEQ + ? WHERE ID = 1";
    // PostgreSQL's, in autocommit: the row, the raise and the new head in one statement and one transaction, whose
    // commit does not wait for the disk (set_config's third argument: for this transaction only)
    private static final String RESERVE_AND_ADVANCE = "WITH QUICK AS (SELECT set_config('synchronous_commit', 'off',"
            + " true)), MARK AS (INSERT INTO LOG_RESERVATION (WRITER, FROM_SEQ) VALUES (?, ?))"
            + " UPDATE LOG_FLOOR SET SEQ = SEQ + ? FROM QUICK WHERE ID = 1"
            + " RETURNING SEQ, CAST(EXTRACT(EPOCH FROM clock_timestamp() - statement_timestamp()) * 1000000000 AS BIGINT)";
    private static final String HEAD = "SELECT SEQ FROM LOG_FLOOR WHERE ID = 1";
    private static final String RESERVE = "INSERT INTO LOG_RESERVATION (WRITER, FROM_SEQ) VALUES (?, ?)";
    private static final String END = "DELETE FROM LOG_RESERVATION WHERE WRITER = ? AND FROM_SEQ = ?";
    private static final String FORGET = "DELETE FROM LOG_RESERVATION WHERE WRITER = ?";
    private static final String LOWEST = "SELECT MIN(FROM_SEQ) FROM LOG_RESERVATION";
    private static final String ALL = "SELECT WRITER, FROM_SEQ FROM LOG_RESERVATION";

    @Inject
    DataSourceChoice dataSources;

    // looked up at first use; a test gives its own
    DataSource dataSource;

    /** This server's log writer, as its reservations name it. */
    final String writer = UUID.randomUUID().toString();

    // whether this writer's last reservation may still be there: its batch did not commit, nor was it given up
    // (the writer thread only)
    private boolean unended;
    private Boolean postgres;
    // the head as this writer last raised it, or -1 before its first reservation (the writer thread only)
    private long seenHead = -1;
    private final LongAdder heldNanos = new LongAdder();
    // each reservation the last look found, with when it was first seen (one scheduled look at a time)
    private Map<Reservation, Long> seen = Map.of();

    private record Reservation(String writer, long from) {
    }

    /**
     * Numbers reserved for a batch, from {@code first} on; {@code mark} is what the reservation's row says: at or
     * below {@code first}, since it is written before the head is raised.
     */
    record Reserved(long mark, long first) {
    }

    /**
     * Reserves {@code count} numbers for this server's next batch and commits the reservation, on the batch's
     * connection, before the batch's own transaction begins; leaves the connection in the commit mode it found it in.
     * <p>
     * On PostgreSQL the row, the raise and the commit are one statement in a transaction of its own: {@code LOG_FLOOR}'s
     * row is held from the raise to the commit inside the database, never while the answer travels to this server and
     * the commit back (a server paused by its collector meanwhile would hold every other server's numbering). That
     * commit does not wait for its flush to disk: the batch's commit, which does, is written after it, and so is any
     * other server's commit that numbered after this one, having read its head. A reservation a crash loses was used by
     * nothing that survived it.
     *
     * @return the first number reserved
     */
    Reserved reserve(Connection connection, int count) throws SQLException {
        if (postgres == null) {
            postgres = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        }
        boolean autoCommit = connection.getAutoCommit();
        try {
            if (postgres) {
                connection.setAutoCommit(true);
            }
            if (unended) {
                update(connection, FORGET, writer);
            }
            if (seenHead < 0) {
                seenHead = single(connection, HEAD);
            }
            // the row before the head is raised, so that the head is held for one statement and the commit only
            long mark = seenHead + 1;
            long head;
            if (postgres) {
                head = reserveInOneStatement(connection, mark, count);
            } else {
                update(connection, RESERVE, writer, mark);
                head = advance(connection, count);
                // held from here, when the row is this server's, not while another server's reservation kept it waiting
                long held = System.nanoTime();
                connection.commit();
                heldNanos.add(System.nanoTime() - held);
            }
            seenHead = head;
            unended = true;
            return new Reserved(mark, head - count + 1);
        } finally {
            if (connection.getAutoCommit() != autoCommit) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Ends the reservation in the batch's transaction, first, so that the messages and the end come out together.
     *
     * @throws SQLException when another server voided it: the batch must not commit
     */
    void claim(Connection transaction, Reserved reserved) throws SQLException {
        if (update(transaction, END, writer, reserved.mark()) != 1) {
            throw new SQLException("Another server voided the numbers from " + reserved.first() + " that this server"
                    + " reserved: it took this one for stopped");
        }
    }

    /** The batch that claimed the last reservation committed. */
    void ended() {
        unended = false;
    }

    /** Gives up the last reservation, if its batch failed, on the batch's connection after its rollback. */
    void abandon(Connection connection) {
        if (!unended) {
            return;
        }
        try {
            update(connection, FORGET, writer);
            connection.commit();
            unended = false;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not give up the numbers this server reserved; its next batch does", e);
        }
    }

    /** The highest number the log has used or reserved: its newest message's, or that of one since deleted. */
    public long head() {
        try (Connection connection = dataSource().getConnection()) {
            return single(connection, HEAD);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the log's head", e);
        }
    }

    /**
     * Where servers share the log, the number up to which every number of the log is committed, or never will be:
     * what the log may be read up to. (Alone, that is the {@link #head}: one writer commits in order.)
     */
    public long committedUpTo() {
        try (Connection connection = dataSource().getConnection()) {
            long head = single(connection, HEAD);
            Long lowest = nullable(connection, LOWEST);
            return lowest == null ? head : Math.min(head, lowest - 1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read how far the log is committed", e);
        }
    }

    /**
     * Voids each reservation that stood unchanged since an earlier call at least {@link #STALE} before {@code now}.
     * Called on a schedule, one call at a time.
     *
     * @param now {@link System#nanoTime()}
     */
    public synchronized void voidStale(long now) {
        Map<Reservation, Long> found = new HashMap<>();
        try (Connection connection = dataSource().getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(ALL);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Reservation reservation = new Reservation(rows.getString(1), rows.getLong(2));
                    found.put(reservation, seen.getOrDefault(reservation, now));
                }
            }
            for (Map.Entry<Reservation, Long> entry : found.entrySet()) {
                if (now - entry.getValue() >= STALE.toNanos()) {
                    Reservation stale = entry.getKey();
                    // a batch under way holds the row from its first statement: this waits for it, then finds none
                    if (voided(connection, stale)) {
                        LOG.warning(() -> "Voided the numbers from " + stale.from() + " that writer " + stale.writer()
                                + " reserved " + STALE + " ago or more and did not commit");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for reservations of stopped servers", e);
        }
        seen = found;
    }

    /** Adds time this server held the order every server of the chat numbers in. */
    void held(long nanos) {
        heldNanos.add(nanos);
    }

    /** Time this server held the order every server of the chat numbers in, since it started. */
    public double heldSeconds() {
        return heldNanos.sum() / 1e9;
    }

    /**
     * Raises the highest number used or reserved by {@code count}, holding its row until the transaction ends.
     *
     * @return the new highest
     */
    static long advance(Connection connection, long count) throws SQLException {
        update(connection, ADVANCE, count);
        return single(connection, HEAD);
    }

    private long reserveInOneStatement(Connection connection, long mark, long count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RESERVE_AND_ADVANCE)) {
            statement.setString(1, writer);
            statement.setLong(2, mark);
            statement.setLong(3, count);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                // the database's own time in the statement up to the raise, waiting for the row included; the commit
                // after it, which does not wait for the disk, is not counted
                heldNanos.add(row.getLong(2));
                return row.getLong(1);
            }
        }
    }

    private static boolean voided(Connection connection, Reservation stale) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(END)) {
            // waits for a batch under way, but not for ever for a server that froze holding the row
            statement.setQueryTimeout(30);
            statement.setString(1, stale.writer());
            statement.setLong(2, stale.from());
            return statement.executeUpdate() == 1;
        }
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        Long value = nullable(connection, sql);
        if (value == null) {
            throw new SQLException("No value from " + sql);
        }
        return value;
    }

    private static Long nullable(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            long value = row.getLong(1);
            return row.wasNull() ? null : value;
        }
    }

    private DataSource dataSource() {
        if (dataSource == null) {
            dataSource = dataSources.require();
        }
        return dataSource;
    }
}
