package org.parley.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a server's heap by class ({@code jcmd PID GC.class_histogram}, which collects first), so that
 * what grows between two readings can be named: whose objects a connection's memory is, Parley's or its container's.
 * Classes of one name from several class loaders are added up.
 */
record ClassHistogram(Map<String, Count> byClass) {

    /** Instances and bytes of one class. */
    record Count(long instances, long bytes) {
    }

    /** How much one class grew between two readings. */
    record Growth(String className, long instances, long bytes) {
    }

    // "   1:        123456       12345678  [B (java.base@17.0.17)": rank, instances, bytes, class, its module if any
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    static ClassHistogram of(long pid) {
        return parse(ServerMemory.jcmd(pid, "GC.class_histogram"));
    }

    static ClassHistogram parse(String jcmdOutput) {
        Map<String, Count> byClass = new HashMap<>();
        Matcher row = ROW.matcher(jcmdOutput);
        while (row.find()) {
            Count count = new Count(Long.parseLong(row.group(1)), Long.parseLong(row.group(2)));
            byClass.merge(row.group(3), count, (a, b) -> new Count(a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
        if (byClass.isEmpty()) {
            throw new IllegalStateException("no class histogram in: " + jcmdOutput);
        }
        return new ClassHistogram(Map.copyOf(byClass));
    }

    /** @return how many bytes the live objects of the classes whose names start with {@code prefix} grew by */
    long bytesGrownSince(ClassHistogram before, String prefix) {
        long now = bytesOf(prefix);
        return now - before.bytesOf(prefix);
    }

    private long bytesOf(String prefix) {
        return byClass.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .mapToLong(entry -> entry.getValue().bytes()).sum();
    }

    /** @return the {@code top} classes that grew most in bytes since {@code before}, the most first */
    List<Growth> grownSince(ClassHistogram before, int top) {
        List<Growth> grown = new ArrayList<>();
        byClass.forEach((name, now) -> {
            Count then = before.byClass.getOrDefault(name, new Count(0, 0));
            if (now.bytes() > then.bytes()) {
                grown.add(new Growth(name, now.instances() - then.instances(), now.bytes() - then.bytes()));
            }
        });
        grown.sort(Comparator.comparingLong(Growth::bytes).reversed());
        return List.copyOf(grown.subList(0, Math.min(top, grown.size())));
    }
}
