package org.parley.bench;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.parley.testing.SignIn;

/** Where the load goes, and the one place that knows how a user gets in: signing in to Parley, a bare name to the baseline. */
record Target(String label, URL base, boolean signsIn) {

    static Target parley(URL base) {
        return new Target("Parley", base, true);
    }

    static Target baseline(URL base) {
        return new Target("baseline", base, false);
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
