package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the crash check counts as kept, lost, twice and out of order. */
class CrashCheckTest {

    private static final Map<Long, CrashCheck.Sent> SENT = Map.of(
            1L, new CrashCheck.Sent("ann", "bob"),
            2L, new CrashCheck.Sent("bob", "ann"),
            3L, new CrashCheck.Sent("ann", "bob"));

    private static CrashCheck.Received r(long seq, long id) {
        return new CrashCheck.Received(seq, id);
    }

    @Test
    void everyAcknowledgedMessageInBothStreamsUnderItsNumberIsKept() {
        // 3 was committed, but the kill came before its acknowledgement
        CrashCheck.Result result = CrashCheck.check(SENT, Map.of(1L, 10L, 2L, 11L), Map.of(
                "ann", List.of(r(10, 1), r(11, 2), r(12, 3)),
                "bob", List.of(r(10, 1), r(11, 2), r(12, 3))));
        assertTrue(result.kept(), result.toString());
        assertEquals(new CrashCheck.Result(2, 0, 0, 0, 1), result);
    }

    @Test
    void anAcknowledgedMessageAbsentFromOneStreamOrUnderAnotherNumberIsMissing() {
        CrashCheck.Result absent = CrashCheck.check(SENT, Map.of(1L, 10L, 2L, 11L), Map.of(
                "ann", List.of(r(10, 1), r(11, 2)),
                "bob", List.of(r(10, 1))));
        assertEquals(1, absent.missing(), absent.toString());
        assertFalse(absent.kept());
        CrashCheck.Result renumbered = CrashCheck.check(SENT, Map.of(1L, 10L), Map.of(
                "ann", List.of(r(13, 1)),
                "bob", List.of(r(13, 1))));
        assertEquals(1, renumbered.missing(), renumbered.toString());
    }

    @Test
    void aMessageTwiceOrANumberNotAboveTheOneBeforeIsCounted() {
        CrashCheck.Result result = CrashCheck.check(SENT, Map.of(1L, 10L, 2L, 11L), Map.of(
                "ann", List.of(r(11, 2), r(10, 1)),
                "bob", List.of(r(10, 1), r(11, 2), r(10, 1))));
        assertEquals(2, result.outOfOrder(), result.toString());
        assertEquals(1, result.twice(), result.toString());
        assertFalse(result.kept());
    }
}
