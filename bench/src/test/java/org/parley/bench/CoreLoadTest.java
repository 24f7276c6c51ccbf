package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreLoadTest {

    // /proc/stat as Linux writes it: the machine's line, then one a core, then other counters
    private static final String BEFORE = """
            cpu  300 0 100 1000 50 0 10 0 0 0
            cpu0 200 0 50 400 25 0 5 0 0 0
            cpu1 100 0 50 600 25 0 5 0 0 0
            intr 12345 0 0
            ctxt 999
            """;
    private static final String AFTER = """
            cpu  405 0 120 1125 60 0 10 0 7 0
            cpu0 290 0 60 450 35 0 5 0 7 0
            cpu1 115 0 60 675 25 0 5 0 0 0
            intr 12400 0 0
            ctxt 1200
            """;

    @Test
    void eachCoresBusyShareIsWhatItDidOtherThanIdleAndWaitingForTheDisk() {
        long[][] before = CoreLoad.parse(BEFORE);
        long[][] after = CoreLoad.parse(AFTER);

        assertEquals(2, before.length, "the cores' lines only");
        // core 0: 90 user and 10 system of 160, 50 idle and 10 waiting for the disk (its guest time, 7, is within
        // user already); core 1: 15 user and 10 system of 100
        int[][] shares = CoreLoad.shares(before, after);
        assertArrayEquals(new int[] {63, 6}, shares[0], "busy, and waiting for the disk (10 of 160)");
        assertArrayEquals(new int[] {25, 0}, shares[1]);
    }

    @Test
    void aSecondNotSampledSaysSo() {
        assertEquals("cores not sampled", new CoreLoad(Path.of("/nonexistent")).at(0));
    }

    /** A second is what the counters did from its start to the next one's. */
    @Test
    void eachSecondIsSampledFromTheCountersAtItsStartAndAtTheNext(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        CoreLoad load = new CoreLoad(stat);
        Files.writeString(stat, BEFORE);
        load.sample(100);
        Files.writeString(stat, AFTER);
        load.sample(101);

        assertEquals("core 0 63% (disk wait 6%), core 1 25%", load.at(100));
        assertEquals("cores not sampled", load.at(101), "not until the next second's sample");
    }

    @Test
    void thisMachinesCountersHaveALineForEachCore() throws Exception {
        long[][] cores = CoreLoad.parse(Files.readString(Path.of("/proc/stat")));
        assertTrue(cores.length >= 1, "a line for each core");
        for (long[] core : cores) {
            assertTrue(core[0] >= 0 && core[0] <= core[1], "busy within total");
        }
    }
}
