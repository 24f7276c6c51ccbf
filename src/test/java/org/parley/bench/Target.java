package org.parley.bench;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.parley.testing.SignIn;

/**
 * Where the load goes, and the one place that knows how a user gets in: signing in to Parley, a bare name to the
 * baseline.
 */
record Target(String label, URL base, boolean signsIn, long pid) {

    static Target parley(URL base) {
        return new Target("Parley", base, true, 0);
    }

    static Target baseline(URL base) {
        return new Target("baseline", base, false, 0);
    }

    /** The same target, with the process id of its own JVM, so that its memory can be read. */
    Target runningAs(long processId) {
        return new Target(label, base, signsIn, processId);
    }

    /** @return the server's memory, or null when it runs where it cannot be told apart (in the generator's JVM) */
    ServerMemory memory() {
        return pid == 0 ? null : ServerMemory.of(pid);
    }

    /** Makes the user's account where there are accounts; done before timing starts. */
    void prepare(String user) {
        if (signsIn) {
            SignIn.signUp(base, user);
        }
    }

    URI socket(String user) {
        String query = signsIn ? "ticket=" + URLEncoder.encode(SignIn.ticket(base, user), StandardCharsets.UTF_8)
                : "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return URI.create(base.toString().replaceFirst("^http", "ws") + "ws?" + query);
    }
}
