package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void slowestSecondsAreTheSecondsOfTheSlowestMessagesSlowestFirst() {
        Tally tally = new Tally(1);
        long now = System.nanoTime();
        long start = now - 10 * SECOND;
        // second 0: 5 ms and 40 ms; second 3: 250 ms; second 6: 90 ms (latency = received - scheduled)
        tally.received(1, start, start + TimeUnit.MILLISECONDS.toNanos(5));
        tally.received(2, start, start + TimeUnit.MILLISECONDS.toNanos(40));
        tally.received(3, start + 3 * SECOND, start + 3 * SECOND + TimeUnit.MILLISECONDS.toNanos(250));
        tally.received(4, start + 6 * SECOND, start + 6 * SECOND + TimeUnit.MILLISECONDS.toNanos(90));

        String slowest = tally.slowestSeconds(2, second -> "");

        assertTrue(slowest.matches("\\d\\d:\\d\\d:\\d\\d 250 ms, \\d\\d:\\d\\d:\\d\\d 90 ms"), slowest);
        assertEquals(3, tally.slowestSeconds(5, second -> "").split(", ").length,
                "one entry a second, its slowest message only");
    }

    /** What is said of a second is of that second: the one its slowest message was scheduled in. */
    @Test
    void eachSlowestSecondIsFollowedByWhatIsSaidOfIt() {
        Tally tally = new Tally(1);
        long start = System.nanoTime() - 10 * SECOND;
        long epochSecondOfStart = (System.currentTimeMillis() * 1_000_000 - 10 * SECOND) / SECOND;
        tally.received(1, start, start + TimeUnit.MILLISECONDS.toNanos(30));
        tally.received(2, start + 3 * SECOND, start + 3 * SECOND + TimeUnit.MILLISECONDS.toNanos(250));

        String slowest = tally.slowestSeconds(2, second -> "offset " + (second - epochSecondOfStart));

        assertTrue(slowest.matches("\\d\\d:\\d\\d:\\d\\d 250 ms \\(offset [34]\\), \\d\\d:\\d\\d:\\d\\d 30 ms"
                + " \\(offset [01]\\)"), slowest);
    }
}
