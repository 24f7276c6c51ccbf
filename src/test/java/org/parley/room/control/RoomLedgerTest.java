package org.parley.room.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.log.control.LogWriters;
import org.parley.log.control.LogWriter;
import org.parley.log.entity.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.room.entity.Role;
import org.parley.room.entity.Span;
import org.parley.room.entity.Standing;
import org.parley.testing.InMemoryStore;

/**
 * Rooms as the log's writer commits them, on Parley's migrations and an in-memory Derby: what is decided in the
 * batch's transaction, what a refusal leaves (nothing, not even a number), and what streams and fan-out read back.
 */
class RoomLedgerTest {

    private static final String DATABASE = "room-ledger-test";
    private static final AtomicInteger ROOMS = new AtomicInteger();
    private static EntityManagerFactory factory;
    private static DataSource dataSource;
    private static RoomReads reads;

    @BeforeAll
    static void createStore() {
        factory = InMemoryStore.open(DATABASE);
        dataSource = InMemoryStore.dataSource(DATABASE);
        reads = new RoomReads();
        reads.dataSource = dataSource;
    }

    @AfterAll
    static void closeStore() {
        factory.close();
    }

    /** The log's writer with the rooms deciding, alone or sharing the log with other servers. */
    private static LogWriter writer(boolean shared) {
        return writer(shared, new RoomSettings(500, 10_000, 30, 10));
    }

    private static LogWriter writer(boolean shared, RoomSettings limits) {
        RoomLedger ledger = new RoomLedger();
        ledger.settings = limits;
        return LogWriters.on(dataSource, shared, ledger);
    }

    private static String newRoom() {
        return "#test" + ROOMS.incrementAndGet();
    }

    private static ChatMessage event(String actor, String room, String event, String details) {
        return ChatMessage.inRoom(UUID.randomUUID().toString(), actor, room, event, details, Instant.now());
    }

    private static ChatMessage said(String actor, String room, String body) {
        return ChatMessage.inRoom(UUID.randomUUID().toString(), actor, room, null, body, Instant.now());
    }

    private static ChatMessage create(String owner, String room, boolean open) {
        return event(owner, room, "created", "{\"name\":\"" + room.substring(1) + "\",\"topic\":\"\",\"public\":"
                + open + ",\"history\":\"" + (open ? "shared" : "joined") + "\"}");
    }

    private static ChatMessage about(String actor, String room, String event, String person) {
        return event(actor, room, event, "{\"person\":\"" + person + "\"}");
    }

    @Test
    void aBanDecidedInTheBatchRefusesTheBannedPersonsNextMessageInTheSameBatch() throws Exception {
        LogWriter writer = writer(false);
        String room = newRoom();
        List<LogWriter.Placed> placed = writer.append(List.of(create("ann", room, true),
                about("bob", room, "joined", "bob"),
                said("bob", room, "before the ban"),
                about("ann", room, "banned", "bob"),
                said("bob", room, "after the ban"),
                about("bob", room, "joined", "bob")));
        assertNotNull(placed.get(2).numbered(), "a member's message goes in");
        assertNotNull(placed.get(3).numbered());
        assertNull(placed.get(4).numbered(), "nothing from the banned is numbered after the ban");
        assertEquals(ErrorCode.BANNED, placed.get(4).refused().code());
        assertEquals(ErrorCode.BANNED, placed.get(5).refused().code(), "and they cannot join again");
        long ban = placed.get(3).numbered().seq();
        assertEquals(ban + 1, writer.append(List.of(said("ann", room, "next"))).get(0).numbered().seq(),
                "a refused entry takes no number: the log has no gap for it");
        assertEquals(Standing.BANNED, reads.membership(room, "bob").orElseThrow().standing());
        assertEquals(Set.of("ann"), reads.membersAt(room, ban + 1));
        assertEquals(Set.of("ann", "bob"), reads.membersAt(room, ban - 1));
        List<Span> spans = reads.spansIn("bob", room);
        assertEquals(1, spans.size());
        assertEquals(ban, spans.get(0).untilSeq(), "bob's stream holds the room up to his ban, the ban included");
    }

    @Test
    void sharingTheLogARefusedEntryTakesNoNumberEither() throws Exception {
        LogWriter writer = writer(true);
        String room = newRoom();
        List<LogWriter.Placed> placed = writer.append(List.of(create("ann", room, false),
                said("zed", room, "not in it"), said("ann", room, "in it")));
        assertEquals(ErrorCode.UNKNOWN_ROOM, placed.get(1).refused().code(),
                "a private room is, to anyone not in it, a room that does not exist");
        assertEquals(placed.get(0).numbered().seq() + 1, placed.get(2).numbered().seq());
        long head;
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var row = statement.executeQuery("SELECT SEQ FROM LOG_FLOOR WHERE ID = 1")) {
            row.next();
            head = row.getLong(1);
        }
        assertEquals(placed.get(2).numbered().seq(), head, "the head advanced by what was admitted only");
    }

    @Test
    void anInvitationReachesTheInvitedAloneUntilTheyJoin() throws Exception {
        LogWriter writer = writer(false);
        String room = newRoom();
        List<LogWriter.Placed> placed = writer.append(List.of(create("ann", room, false),
                said("ann", room, "before"),
                about("ann", room, "invited", "cat"),
                said("ann", room, "while invited"),
                about("cat", room, "joined", "cat"),
                said("ann", room, "after")));
        placed.forEach(p -> assertNotNull(p.numbered(), () -> "refused: " + p.refused().getMessage()));
        List<Span> spans = reads.spansIn("cat", room);
        long invite = placed.get(2).numbered().seq();
        long join = placed.get(4).numbered().seq();
        assertEquals(List.of(new Span(room, invite, invite, true), new Span(room, join, 0, false)), spans);
        assertEquals(List.of("before", "while invited", "after"), List.of(placed.get(1), placed.get(3),
                placed.get(5)).stream().map(p -> p.numbered().body()).toList());
        assertEquals(Set.of("ann"), reads.membersAt(room, invite + 1), "invited is not in");
        assertEquals(Role.MEMBER, reads.membership(room, "cat").orElseThrow().role());
        assertEquals(2, reads.room(room).orElseThrow().members());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lobby", "LOBBY", "l0bby", "lоbby"})
    void aPublicRoomsNameIsNotTakenAgainInAnyCaseOrLookAlike(String lookAlike) throws Exception {
        LogWriter writer = writer(false);
        String first = newRoom();
        String second = newRoom();
        String suffix = " " + first.substring(5);
        List<LogWriter.Placed> placed = writer.append(List.of(
                event("ann", first, "created", "{\"name\":\"lobby" + suffix + "\",\"public\":true}"),
                event("bob", second, "created", "{\"name\":\"" + lookAlike + suffix + "\",\"public\":true}")));
        assertNotNull(placed.get(0).numbered());
        assertEquals(ErrorCode.ROOM_NAME_TAKEN, placed.get(1).refused().code());
        assertTrue(reads.room(second).isEmpty(), "a refused room is not made");
    }

    @Test
    void aFullRoomTakesNoOneMoreAndAPersonInTheMostRoomsJoinsNoMore() throws Exception {
        LogWriter writer = writer(false, new RoomSettings(3, 3, 30, 10));
        String first = newRoom();
        String second = newRoom();
        String third = newRoom();
        String fourth = newRoom();
        List<LogWriter.Placed> placed = writer.append(List.of(create("own" + first.substring(5), first, true),
                about("p1", first, "joined", "p1"), about("p2", first, "joined", "p2"),
                about("p3", first, "joined", "p3"),
                create("p1", second, true), create("p1", third, true), create("p1", fourth, true)));
        assertNotNull(placed.get(2).numbered());
        assertEquals(ErrorCode.ROOM_FULL, placed.get(3).refused().code(), "three members, as set");
        assertNotNull(placed.get(5).numbered());
        assertEquals(ErrorCode.TOO_MANY_ROOMS, placed.get(6).refused().code(), "p1 is in three rooms, as set");
        assertTrue(reads.room(fourth).isEmpty());
    }

    @Test
    void aClosedRoomEndsEveryonesSpanAtItsClosingTakesNothingMoreAndFreesItsName() throws Exception {
        LogWriter writer = writer(false);
        String room = newRoom();
        String other = newRoom();
        String name = "closing " + room.substring(5);
        List<LogWriter.Placed> placed = writer.append(List.of(
                event("ann", room, "created", "{\"name\":\"" + name + "\",\"public\":true}"),
                about("bob", room, "joined", "bob"),
                about("ann", room, "invited", "cat"),
                event("bob", room, "closed", "{}"),
                event("ann", room, "closed", "{}"),
                said("ann", room, "anyone there?"),
                about("dan", room, "joined", "dan"),
                event("eve", other, "created", "{\"name\":\"" + name + "\",\"public\":true}")));
        assertEquals(ErrorCode.NOT_ALLOWED, placed.get(3).refused().code(), "only owners close");
        long closed = placed.get(4).numbered().seq();
        assertEquals(ErrorCode.UNKNOWN_ROOM, placed.get(5).refused().code());
        assertEquals(ErrorCode.UNKNOWN_ROOM, placed.get(6).refused().code());
        assertNotNull(placed.get(7).numbered(), "the name is free again");
        assertEquals(closed, reads.spansIn("bob", room).get(0).untilSeq());
        assertEquals(closed, reads.spansIn("ann", room).get(0).untilSeq());
        assertEquals(List.of(closed, closed), List.of(reads.spansIn("cat", room).get(1).fromSeq(),
                reads.spansIn("cat", room).get(1).untilSeq()), "the invited hear of it once");
        assertEquals(0, reads.room(room).orElseThrow().members());
        assertTrue(reads.directory(name, 10).stream().noneMatch(r -> r.id().equals(room)));
    }

    @Test
    void theLastOwnerCannotLeaveARoomOthersAreIn() throws Exception {
        LogWriter writer = writer(false);
        String room = newRoom();
        List<LogWriter.Placed> placed = writer.append(List.of(create("ann", room, true),
                about("bob", room, "joined", "bob"),
                about("ann", room, "left", "ann"),
                event("ann", room, "role", "{\"person\":\"bob\",\"role\":\"owner\"}"),
                about("ann", room, "left", "ann")));
        assertEquals(ErrorCode.LAST_OWNER, placed.get(2).refused().code());
        assertNotNull(placed.get(3).numbered());
        assertNotNull(placed.get(4).numbered(), "once someone else owns it, the owner may go");
        assertEquals(1, reads.room(room).orElseThrow().members());
    }
}
