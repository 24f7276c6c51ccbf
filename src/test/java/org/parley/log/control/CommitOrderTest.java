package org.parley.log.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.parley.log.entity.ChatMessage;

/** Messages of several servers sharing one log, handed on in the log's order however their word comes. */
class CommitOrderTest {

    private static final long WAIT = 250;
    private final List<String> handedOn = new ArrayList<>();
    private final Consumer<ChatMessage> here = message -> handedOn.add("here " + message.seq());
    private final Consumer<ChatMessage> elsewhere = message -> handedOn.add("elsewhere " + message.seq());

    private static ChatMessage numbered(long seq) {
        return new ChatMessage(UUID.randomUUID().toString(), "ann", "ben", "m" + seq, Instant.EPOCH).numbered(seq);
    }

    @Test
    void messagesInOrderAreHandedOnAtOnce() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(11), here, 0);
        order.committed(numbered(12), elsewhere, 0);
        assertEquals(List.of("here 11", "elsewhere 12"), handedOn);
        assertEquals(12, order.handedOn());
        assertTrue(order.holeToFill(1_000, WAIT).isEmpty());
    }

    /**
     * Alone, the log's writer tells the order how far it is known committed by what it told it: a number it never gave
     * is passed once waited out, and a quiet spell after that never passes numbers still to be given.
     */
    @Test
    void knownUpToTheHighestToldPassesANumberNeverGivenAndNoneStillToBeGiven() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(13), here, 0);
        assertEquals(13, order.highestTold());
        order.knownUpTo(order.highestTold(), 0);
        assertEquals(OptionalLong.of(12), order.holeToFill(WAIT, WAIT));
        order.fill(12, List.of(), elsewhere, WAIT);
        assertEquals(List.of("here 13"), handedOn);
        order.knownUpTo(order.highestTold(), 2 * WAIT);
        assertTrue(order.holeToFill(10 * WAIT, WAIT).isEmpty(), "nothing above what was told is a hole");
        order.committed(numbered(14), here, 10 * WAIT);
        assertEquals(List.of("here 13", "here 14"), handedOn);
    }

    @Test
    void aMessageWaitsForTheWordOfThoseBelowIt() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(13), here, 0);
        order.committed(numbered(12), elsewhere, 1);
        assertEquals(List.of(), handedOn, "11 is not heard of yet");
        assertEquals(10, order.handedOn());
        order.committed(numbered(11), elsewhere, 2);
        assertEquals(List.of("elsewhere 11", "elsewhere 12", "here 13"), handedOn);
    }

    @Test
    void wordOfAMessageAlreadyHandedOnIsIgnored() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(11), elsewhere, 0);
        order.committed(numbered(11), elsewhere, 0);
        order.committed(numbered(9), elsewhere, 0);
        assertEquals(List.of("elsewhere 11"), handedOn);
    }

    @Test
    void aHoleIsReadFromTheLogOnlyOnceItWaitedAndThoseFoundGoInOrder() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(14), here, 100);
        order.knownUpTo(14, 100);
        assertTrue(order.holeToFill(100 + WAIT - 1, WAIT).isEmpty(), "word may still come");
        assertEquals(OptionalLong.of(13), order.holeToFill(100 + WAIT, WAIT));
        // 12 was deleted before the read; 13's word came while the log was read
        order.committed(numbered(13), elsewhere, 200);
        order.fill(13, List.of(numbered(11), numbered(13)), elsewhere, 400);
        assertEquals(List.of("elsewhere 11", "elsewhere 13", "here 14"), handedOn);
        assertEquals(14, order.handedOn());
        assertTrue(order.holeToFill(10_000, WAIT).isEmpty());
    }

    @Test
    void aHeadReadWithNoWordAtAllIsAHoleToo() {
        CommitOrder order = new CommitOrder(10);
        order.knownUpTo(12, 0);
        assertEquals(OptionalLong.of(12), order.holeToFill(WAIT, WAIT));
        order.fill(12, List.of(numbered(11), numbered(12)), elsewhere, WAIT);
        assertEquals(List.of("elsewhere 11", "elsewhere 12"), handedOn);
        order.knownUpTo(12, 1_000);
        assertTrue(order.holeToFill(10_000, WAIT).isEmpty(), "nothing new above what was handed on");
    }

    @Test
    void whatIsLeftOfAHoleWaitsAfreshOnceTheNumbersBelowItCame() {
        CommitOrder order = new CommitOrder(10);
        order.knownUpTo(13, 0);
        order.committed(numbered(13), here, 0);
        order.committed(numbered(11), elsewhere, 200);
        assertEquals(List.of("elsewhere 11"), handedOn);
        assertTrue(order.holeToFill(WAIT, WAIT).isEmpty(), "12 waits from when 11 came");
        assertEquals(OptionalLong.of(12), order.holeToFill(200 + WAIT, WAIT));
    }

    /**
     * Servers commit side by side: a message may be committed, and heard of, while numbers below it that another
     * server reserved are not committed yet. Reading the log then would find nothing there and pass them by for good.
     */
    @Test
    void aHoleIsNeverReadPastWhatIsKnownToBeCommittedHoweverLongItWaited() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(14), elsewhere, 0);
        assertTrue(order.holeWaited(WAIT, WAIT));
        assertTrue(order.holeToFill(10_000, WAIT).isEmpty(), "11 to 13 may be reserved and not committed yet");
        order.knownUpTo(12, 10_000);
        assertEquals(OptionalLong.of(12), order.holeToFill(10_000 + WAIT, WAIT), "up to what is known, no further");
        order.fill(12, List.of(numbered(11)), elsewhere, 10_000 + WAIT);
        assertEquals(List.of("elsewhere 11"), handedOn, "12 was a gap: a batch that failed, or a deleted message");
        order.committed(numbered(13), here, 20_000);
        assertEquals(List.of("elsewhere 11", "here 13", "elsewhere 14"), handedOn);
    }

    @Test
    void manyServersWordInAnyOrderComesOutInTheLogsOrder() {
        CommitOrder order = new CommitOrder(0);
        List<Long> shuffled = new ArrayList<>(LongStream.rangeClosed(1, 500).boxed().toList());
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.forEach(seq -> order.committed(numbered(seq), elsewhere, 0));
        assertEquals(LongStream.rangeClosed(1, 500).mapToObj(seq -> "elsewhere " + seq).toList(), handedOn);
    }

    @Test
    void aNumberToldWithoutItsMessageHoldsItsPlaceAndGoesInTurn() {
        CommitOrder order = new CommitOrder(10);
        order.committed(numbered(13), here, 0);
        order.committed(12, () -> handedOn.add("header 12"), 0);
        assertEquals(List.of(), handedOn, "11 is not heard of yet");
        order.committed(numbered(11), elsewhere, 1);
        assertEquals(List.of("elsewhere 11", "header 12", "here 13"), handedOn);
        assertTrue(order.holeToFill(10_000, WAIT).isEmpty(), "a header leaves no hole to read");
    }
}
