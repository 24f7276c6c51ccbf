package org.parley.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a server's own command-line tool as an operator would, with its output in a log file. */
public final class Command {

    private Command() {
    }

    /** Starts the command and returns at once: for a server that keeps running. */
    public static Process start(Path log, String... command) throws IOException {
        return start(log, Map.of(), command);
    }

    /** Runs the command to its end and fails unless it exits with 0 within the time given. */
    public static void run(Path log, Duration limit, String... command) throws IOException, InterruptedException {
        run(log, limit, Map.of(), command);
    }

    /** Like {@link #run(Path, Duration, String...)}, with these environment variables added to the test's own. */
    public static void run(Path log, Duration limit, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Process process = start(log, environment, command);
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Like {@link #start(Path, String...)}, with these environment variables added to the test's own. */
    public static Process start(Path log, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
