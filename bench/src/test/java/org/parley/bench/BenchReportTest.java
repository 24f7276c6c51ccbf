package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report makes of repeated steps, and a chart whose legend fits. */
class BenchReportTest {

    @TempDir
    Path directory;

    @Test
    void aRateRunTwiceShowsBothRunsAndTheSpreadOfTheirP99() throws IOException {
        BenchReport report = new BenchReport(200, 20, 5, Instant.now());
        report.direct("baseline", List.of(step("baseline", 500, 2_000), step("baseline", 500, 7_000),
                step("baseline", 1000, 3_000), step("baseline", 1000, 4_000)));
        report.write(directory);
        String md = Files.readString(directory.resolve("report.md"));
        assertTrue(md.contains("| baseline | 500 | 1 | 500 |"), md);
        assertTrue(md.contains("| baseline | 500 | 2 | 500 |"), md);
        assertTrue(md.contains("| baseline | 500 | 2 | 2.0–7.0 |"), md);
        assertTrue(md.contains("| baseline | 1000 | 2 | 3.0–4.0 |"), md);
    }

    @Test
    void aCapacityRunNamesWhatEachConnectionHoldsByClass() throws IOException {
        BenchReport report = new BenchReport(200, 20, 5, Instant.now());
        report.capacity(new LoadGenerator.CapacityResult("Parley on Payara Micro", 1000, 1000, 12, "reached 1000",
                new ServerMemory(100L << 20, 0), new ServerMemory(120L << 20, 0),
                List.of(new ClassHistogram.Growth("[B", 4000, 10L << 20),
                        new ClassHistogram.Growth("org.glassfish.grizzly.http.server.Request", 1000, 1024000)),
                300_000));
        report.write(directory);
        String md = Files.readString(directory.resolve("report.md"));
        assertTrue(md.contains("### What 1000 idle connections hold on Parley on Payara Micro"), md);
        assertTrue(md.contains("| `[B` | 4.0 | 10486 | 50% |"), md);
        assertTrue(md.contains("| `org.glassfish.grizzly.http.server.Request` | 1.0 | 1024 | 5% |"), md);
        assertTrue(md.contains("Objects of Parley's own classes (`org.parley.*`, without the arrays and strings they "
                + "hold): 300 bytes per connection."), md);
    }

    @Test
    void aCrashRunSaysWhetherTheLogKeptEveryAcknowledgedMessage() throws IOException {
        BenchReport report = new BenchReport(200, 20, 5, Instant.now());
        report.crash(new LoadGenerator.CrashResult("Parley on WildFly", 1000, 20000, 5, 100000, 31400,
                new CrashCheck.Result(30000, 0, 0, 0, 12)));
        report.crash(new LoadGenerator.CrashResult("Parley on Payara Micro", 1000, 20000, 5, 100000, 20000,
                new CrashCheck.Result(9000, 3, 0, 0, 0)));
        report.write(directory);
        String md = Files.readString(directory.resolve("report.md"));
        assertTrue(md.contains("| Parley on WildFly | 1000 | 20000 | 5.0 | 100000 | 30000 | 0 | 0 | 0 | 12 | 31.4 | yes |"),
                md);
        assertTrue(md.contains("| Parley on Payara Micro | 1000 | 20000 | 5.0 | 100000 | 9000 | 3 | 0 | 0 | 0 | 20.0 "
                + "| **no** |"), md);
    }

    @Test
    void theChartLeavesAMarginRightOfTheLongestLegend() throws IOException {
        String longName = "Parley cluster, server A to server B, a name longer than any the benchmark gives";
        BenchReport report = new BenchReport(1000, 20, 5, Instant.now());
        report.direct("baseline", List.of(step("baseline", 500, 2_000)));
        report.cluster(longName, List.of(step(longName, 500, 20_000), step(longName, 1000, 900_000)));
        report.broadcast(new LoadGenerator.BroadcastResult(longName, 1000, 20, latencies(12_000), 0, 0));
        report.write(directory);
        BufferedImage chart = ImageIO.read(directory.resolve("latency.png").toFile());
        int white = 0xFFFFFFFF;
        for (int x = chart.getWidth() - 8; x < chart.getWidth(); x++) {
            for (int y = 0; y < chart.getHeight(); y++) {
                assertTrue(chart.getRGB(x, y) == white, "drawn at the right edge, x " + x + ", y " + y);
            }
        }
    }

    private static LoadGenerator.DirectResult step(String target, int rate, long p99Micros) {
        return new LoadGenerator.DirectResult(target, 200, rate, rate, latencies(p99Micros), rate * 20L, 0, 0, 0,
                latencies(100), 0.3, Double.NaN, Double.NaN, 0.5, Double.NaN, "");
    }

    /** A hundred latencies: 98 of 1 ms, two of {@code highMicros}, so that p99 is {@code highMicros}. */
    private static Histogram latencies(long highMicros) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(1_000, 98);
        histogram.recordValueWithCount(highMicros, 2);
        return histogram;
    }
}
