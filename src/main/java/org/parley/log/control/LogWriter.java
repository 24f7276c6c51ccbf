package org.parley.log.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.parley.log.entity.ChatMessage;
import org.parley.store.DataSourceChoice;

/**
 * Numbers batches of messages and inserts each in one JDBC transaction of its own: one prepared {@code INSERT},
 * batched. Plain JDBC because the append is the log's hot path: a JPA provider adds tens of microseconds a message
 * and two ways to batch (one per provider); JPA stays for reading.
 * <p>
 * <b>Numbers.</b> When this server is the only one writing the log, numbers are given in memory from a block
 * reserved in {@code LOG_FLOOR} ({@link #BLOCK} at a time, in the transaction of the batch that needs it): a batch
 * costs its inserts and its commit, nothing more. A failed batch leaves the numbers it would have used for the next;
 * the rest of a block is a gap after a restart, never a reuse, since {@code LOG_FLOOR} is always at or above every
 * number given. When several servers share the log, each batch reserves its numbers in a short transaction before
 * its own, and the servers commit side by side ({@link Reservations}). A batch with entries to decide on (a room's)
 * is the exception: it holds {@code LOG_FLOOR} from its numbering to its commit, so that what decides it is what the
 * entries numbered before it left, whichever server wrote them.
 * <p>
 * Called by the log's one writer only ({@link MessageLog}), one batch at a time: that is what guards the block.
 */
@ApplicationScoped
public class LogWriter {

    /** Numbers reserved at once when this server writes the log alone. */
    static final long BLOCK = 10_000;

    private static final String INSERT = "INSERT INTO MESSAGE (SEQ, MESSAGE_ID, CONVERSATION, SENDER, RECIPIENT,"
            + " BODY, SENT_AT, KIND) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    DataSourceChoice dataSources;

    @Inject
    LogSettings settings;

    @Inject
    Admission admission;

    @Inject
    Reservations reservations;

    // looked up at the first batch; a test gives its own
    DataSource dataSource;
    // alone: the next number to give, and the last of the block reserved; none reserved yet when next > last
    private long next = 1;
    private long last;
    // shared: when the batch began to hold LOG_FLOOR till its commit, or 0
    private long holdingSince;

    /** What became of one entry of a batch: {@code numbered} as committed, or {@code refused} by the admission. */
    public record Placed(ChatMessage numbered, LogRefusal refused) {
    }

    /**
     * Numbers the messages in their order and commits them; outside any transaction of the caller's.
     *
     * @return what became of each message, in the batch's order
     * @throws PersistenceException when the batch was not committed: then none of it is in the log
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<Placed> append(List<ChatMessage> messages) {
        long nextBefore = next;
        long lastBefore = last;
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Placed> placed = write(connection, messages);
                connection.commit();
                reservations.ended();
                if (holdingSince != 0) {
                    reservations.held(System.nanoTime() - holdingSince);
                    holdingSince = 0;
                }
                placed.stream().filter(p -> p.numbered() != null).reduce((one, other) -> other)
                        .ifPresent(lastPlaced -> next = lastPlaced.numbered().seq() + 1);
                return placed;
            } catch (SQLException | RuntimeException e) {
                // alone, the numbers go to the next batch, and a block this one reserved went with the rollback;
                // shared, the numbers reserved are a gap
                next = nextBefore;
                last = lastBefore;
                holdingSince = 0;
                try {
                    connection.rollback();
                } finally {
                    reservations.abandon(connection);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PersistenceException("The log did not take " + messages.size() + " messages", e);
        }
    }

    private List<Placed> write(Connection connection, List<ChatMessage> messages) throws SQLException {
        int count = messages.size();
        boolean decided = messages.stream().anyMatch(admission::decides);
        long first;
        if (settings.shared() && decided) {
            // holds the row before deciding, and advances it by what it admitted
            first = Reservations.advance(connection, 0) + 1;
            holdingSince = System.nanoTime();
        } else if (settings.shared()) {
            Reservations.Reserved reserved = reservations.reserve(connection, count);
            reservations.claim(connection, reserved);
            first = reserved.first();
        } else {
            if (next + count - 1 > last) {
                long block = Math.max(BLOCK, count);
                long reservedFrom = Reservations.advance(connection, block) - block + 1;
                // A block right after this writer's own goes on from what is left of that one: skipping the rest
                // would leave a hole in the numbers, which the commit order waits out before it hands on anything
                // above it. After another writer's numbers (or none of its own yet, after a start), from the block.
                if (reservedFrom != last + 1) {
                    next = Math.max(next, reservedFrom);
                }
                last = reservedFrom + block - 1;
            }
            first = next;
        }
        List<Placed> placed = new ArrayList<>(count);
        long seq = first;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ChatMessage message : messages) {
                ChatMessage numbered = message.numbered(seq);
                if (admission.decides(message)) {
                    try {
                        admission.admit(connection, numbered);
                    } catch (LogRefusal refusal) {
                        placed.add(new Placed(null, refusal));
                        continue;
                    }
                }
                seq++;
                insert.setLong(1, numbered.seq());
                insert.setString(2, numbered.messageId());
                insert.setString(3, numbered.conversationId());
                insert.setString(4, numbered.sender());
                setOrNull(insert, 5, numbered.recipient());
                insert.setString(6, numbered.body());
                insert.setLong(7, numbered.sentAt().toEpochMilli());
                setOrNull(insert, 8, numbered.kind());
                insert.addBatch();
                placed.add(new Placed(numbered, null));
            }
            if (seq > first) {
                insert.executeBatch();
            }
        }
        if (settings.shared() && decided && seq > first) {
            Reservations.advance(connection, seq - first);
        }
        return placed;
    }

    private static void setOrNull(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private DataSource dataSource() {
        if (dataSource == null) {
            dataSource = dataSources.require();
        }
        return dataSource;
    }
}
