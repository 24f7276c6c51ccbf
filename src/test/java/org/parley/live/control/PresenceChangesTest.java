package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceChangesTest {

    private final PresenceChanges changes = new PresenceChanges();

    @Test
    void eachPersonIsReportedWhereTheyEndedUpInTheOrderTheyFirstChanged() {
        changes.record("cy", true);
        changes.record("ann", true);
        changes.record("ben", false);
        changes.record("cy", false);
        changes.record("cy", true);
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("cy", true);
        expected.put("ann", true);
        expected.put("ben", false);
        Map<String, Boolean> drained = changes.drain();
        assertEquals(expected, drained);
        assertEquals(List.of("cy", "ann", "ben"), List.copyOf(drained.keySet()));
    }

    @Test
    void someoneWhoCameAndWentWithinOneIntervalIsReportedGone() {
        changes.record("ann", true);
        changes.record("ann", false);
        changes.record("ben", false);
        changes.record("ben", true);
        assertEquals(Map.of("ann", false, "ben", true), changes.drain());
    }

    @Test
    void aDrainTakesEverythingAndTheNextStartsAfresh() {
        changes.record("ann", true);
        assertEquals(Map.of("ann", true), changes.drain());
        assertTrue(changes.drain().isEmpty());
        changes.record("ann", false);
        assertEquals(Map.of("ann", false), changes.drain());
    }
}
