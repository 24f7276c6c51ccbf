package org.parley.room.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.log.control.LogWriters;
import org.parley.log.control.LogWriter;
import org.parley.log.entity.ChatMessage;
import org.parley.testing.InMemoryStore;

/**
 * A room's unread counts, kept as counts (the room's messages, and each member's at their mark), against a recount
 * of the log, whatever the order of messages, joins and reads.
 */
class RoomMarksTest {

    private static final String DATABASE = "room-marks-test";
    private static EntityManagerFactory factory;
    private static DataSource dataSource;
    private static RoomReads reads;
    private static RoomMarks marks;
    private static LogWriter writer;

    @BeforeAll
    static void createStore() {
        factory = InMemoryStore.open(DATABASE);
        dataSource = InMemoryStore.dataSource(DATABASE);
        reads = new RoomReads();
        reads.dataSource = dataSource;
        marks = new RoomMarks();
        marks.reads = reads;
        RoomLedger ledger = new RoomLedger();
        ledger.settings = new RoomSettings(500, 10_000, 30, 10);
        writer = LogWriters.on(dataSource, false, ledger);
    }

    @AfterAll
    static void closeStore() {
        factory.close();
    }

    private static ChatMessage entry(String actor, String room, String event, String body) {
        return ChatMessage.inRoom(UUID.randomUUID().toString(), actor, room, event, body, Instant.now());
    }

    private static long append(ChatMessage entry) {
        LogWriter.Placed placed = writer.append(List.of(entry)).get(0);
        if (placed.numbered() == null) {
            throw new AssertionError(placed.refused().getMessage());
        }
        return placed.numbered().seq();
    }

    private static long unread(String person, String room) {
        return reads.roomsOf(person).stream().filter(mine -> mine.room().id().equals(room)).findFirst()
                .orElseThrow().unread();
    }

    /** What the log says: messages of others in the room after the person's mark, since they joined. */
    private static long recount(String person, String room) throws Exception {
        long mark = reads.roomsOf(person).stream().filter(mine -> mine.room().id().equals(room)).findFirst()
                .orElseThrow().readUpTo();
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM MESSAGE WHERE CONVERSATION = ? AND SEQ > ? AND KIND IS NULL AND SENDER <> ?")) {
            count.setString(1, room);
            count.setLong(2, mark);
            count.setString(3, person);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void unreadCountsAreTheLogsRecountWhateverTheOrderOfMessagesJoinsAndReads() throws Exception {
        Random random = new Random(42);
        String room = "#marks1";
        append(entry("ann", room, "created", "{\"name\":\"marks\",\"public\":true}"));
        append(entry("ann", room, null, "before anyone"));
        List<String> people = List.of("ann", "bob", "cat");
        List<Long> seqs = new ArrayList<>();
        boolean[] joined = {true, false, false};
        for (int step = 0; step < 150; step++) {
            int who = random.nextInt(3);
            String person = people.get(who);
            int what = random.nextInt(10);
            if (!joined[who]) {
                append(entry(person, room, "joined", "{\"person\":\"" + person + "\"}"));
                joined[who] = true;
            } else if (what < 6) {
                seqs.add(append(entry(person, room, null, "m" + step)));
            } else if (!seqs.isEmpty()) {
                // a device reads up to some message it was shown: not always the latest
                marks.advance(room, person, seqs.get(random.nextInt(seqs.size())));
            }
            for (int p = 0; p < 3; p++) {
                if (joined[p]) {
                    assertEquals(recount(people.get(p), room), unread(people.get(p), room),
                            people.get(p) + " at step " + step);
                }
            }
        }
    }

    @Test
    void aMarkOnlyMovesForwardAndOnlyForSomeoneWhoWasInTheRoom() {
        String room = "#marks2";
        append(entry("ann", room, "created", "{\"name\":\"marks2\",\"public\":true}"));
        append(entry("bob", room, "joined", "{\"person\":\"bob\"}"));
        long first = append(entry("ann", room, null, "one"));
        long second = append(entry("ann", room, null, "two"));
        assertEquals(2, unread("bob", room));
        assertTrue(marks.advance(room, "bob", second));
        assertEquals(0, unread("bob", room));
        assertFalse(marks.advance(room, "bob", first), "a device behind the others moves nothing back");
        assertEquals(0, unread("bob", room));
        assertFalse(marks.advance(room, "zed", second), "never in it");
    }
}
