package org.parley.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a server's log said, short enough for a failure message: its warnings and errors, and its last lines. */
public final class LogTail {

    private static final Pattern TROUBLE = Pattern.compile("SEVERE|ERROR|WARN|Exception|Caused by");
    // Payara warns of each expired certificate in the JDK's trust store at every start: noise here
    private static final Pattern NOISE = Pattern.compile("NCLS-SECURITY-05054");
    private static final int TROUBLE_LINES = 24;
    private static final int LAST_LINES = 10;
    private static final int LINE_WIDTH = 300;

    private LogTail() {
    }

    public static String of(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
        // Payara writes a record's header on one line and its message on the next: each warning brings two along
        List<String> trouble = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (TROUBLE.matcher(lines.get(i)).find() && !NOISE.matcher(lines.get(i)).find()) {
                for (int j = i; j < Math.min(i + 3, lines.size()); j++) {
                    trouble.add(lines.get(j));
                }
                i += 2;
            }
        }
        return "---- " + log + ": the last " + Math.min(TROUBLE_LINES, trouble.size())
                + " lines of its warnings and errors ----\n" + cut(last(trouble, TROUBLE_LINES))
                + "\n---- its last lines ----\n" + cut(last(lines, LAST_LINES));
    }

    private static List<String> last(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    private static String cut(List<String> lines) {
        return lines.stream().map(line -> line.length() <= LINE_WIDTH ? line : line.substring(0, LINE_WIDTH) + "…")
                .collect(Collectors.joining("\n"));
    }
}
