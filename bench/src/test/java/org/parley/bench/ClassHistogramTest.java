package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading jcmd's class histogram, and naming what grew between two of them. */
class ClassHistogramTest {

    private static final String BEFORE = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000         800000  [B (java.base@17.0.17)
               2:           500          12000  java.lang.String (java.base@17.0.17)
               3:            10            640  org.glassfish.grizzly.http.server.Request
               4:             5            320  org.glassfish.grizzly.http.server.Request
            Total          1515         812960
            """;

    private static final String AFTER = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000        2800000  [B (java.base@17.0.17)
               2:          2015         110640  org.glassfish.grizzly.http.server.Request
               3:           400           9600  java.lang.String (java.base@17.0.17)
               4:           100           4800  org.parley.live.control.Connection
            Total          5515        2925040
            """;

    @Test
    void classesOfOneNameFromSeveralLoadersAreAddedUp() {
        ClassHistogram histogram = ClassHistogram.parse(BEFORE);
        assertEquals(new ClassHistogram.Count(15, 960),
                histogram.byClass().get("org.glassfish.grizzly.http.server.Request"));
        assertEquals(new ClassHistogram.Count(1000, 800000), histogram.byClass().get("[B"));
        assertEquals(3, histogram.byClass().size());
    }

    @Test
    void whatGrewIsListedTheMostFirstAndWhatShrankIsLeftOut() {
        List<ClassHistogram.Growth> grown = ClassHistogram.parse(AFTER).grownSince(ClassHistogram.parse(BEFORE), 2);
        assertEquals(List.of(new ClassHistogram.Growth("[B", 2000, 2000000),
                new ClassHistogram.Growth("org.glassfish.grizzly.http.server.Request", 2000, 109680)), grown);
        List<ClassHistogram.Growth> all = ClassHistogram.parse(AFTER).grownSince(ClassHistogram.parse(BEFORE), 10);
        assertEquals(3, all.size(), all.toString());
        assertEquals(new ClassHistogram.Growth("org.parley.live.control.Connection", 100, 4800), all.get(2));
    }

    @Test
    void theGrowthOfClassesUnderAPrefixIsTheirBytesNowLessThen() {
        assertEquals(4800, ClassHistogram.parse(AFTER).bytesGrownSince(ClassHistogram.parse(BEFORE), "org.parley."));
        assertEquals(109680, ClassHistogram.parse(AFTER).bytesGrownSince(ClassHistogram.parse(BEFORE), "org.glassfish."));
    }

    @Test
    void outputWithoutAHistogramIsAnError() {
        assertThrows(IllegalStateException.class, () -> ClassHistogram.parse("12345:\nCould not attach\n"));
    }
}
