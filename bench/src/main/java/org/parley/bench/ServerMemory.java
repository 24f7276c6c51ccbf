package org.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's memory, asked from outside by process id: the heap its live objects take after a full collection
 * ({@code jcmd PID GC.run}, then {@code GC.heap_info}), and the resident memory of the whole process.
 */
record ServerMemory(long liveHeapBytes, long residentBytes) {

    // one line per generation (Serial, Parallel) or one for the whole heap (G1), each "total NK, used NK"
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern RESIDENT = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    static ServerMemory of(long pid) {
        jcmd(pid, "GC.run");
        String heapInfo = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(heapInfo);
        long usedKiB = 0;
        boolean found = false;
        while (used.find()) {
            usedKiB += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figure from jcmd for " + pid + ": " + heapInfo);
        }
        try {
            Matcher resident = RESIDENT.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return new ServerMemory(usedKiB * 1024,
                    resident.find() ? Long.parseLong(resident.group(1)) * 1024 : -1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of process " + pid, e);
        }
    }

    static String jcmd(long pid, String command) {
        try {
            // the servers' own JDK's: one JDK's jcmd need not speak to another's JVM
            Path bin = BenchServers.SERVER_JAVA.equals("java") ? Path.of(System.getProperty("java.home"), "bin")
                    : Path.of(BenchServers.SERVER_JAVA).getParent();
            Process jcmd = new ProcessBuilder(List.of(bin.resolve("jcmd").toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
