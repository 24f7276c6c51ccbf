package org.parley.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ParleyServer;
import org.parley.testing.SignIn;

/**
 * On a server of its own, so that no other test's wrong passwords or sign-ups from this same address are counted:
 * the sign-in throttle counts accounts, not spellings of their names, and sign-ups from one address are limited.
 */
class AccountLimitsIT {

    private static final int SIGN_UPS_AN_HOUR = 3;

    private final ParleyServer server = ParleyServer.forTest(AccountLimitsIT.class);

    @Test
    void wrongPasswordsCountPerAccountWhateverTheSpellingAndSignUpsPerAddress() {
        URL base = server.start(Map.of("parley.signup.per.address", String.valueOf(SIGN_UPS_AN_HOUR)));
        try {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String composed = "\u00e9mile" + suffix;
            assertEquals(201, signUp(base, composed).statusCode());
            for (int attempt = 0; attempt < 5; attempt++) {
                assertEquals(401, SignIn.post(base, "tickets", SignIn.credentials(composed, "guess")).statusCode());
            }
            for (String spelling : new String[] {"e\u0301mile" + suffix, "\u00c9MILE" + suffix.toUpperCase()}) {
                HttpResponse<String> answer = SignIn.post(base, "tickets", SignIn.credentials(spelling, "guess"));
                assertEquals(429, answer.statusCode(), spelling + " is the same account: " + answer.body());
            }
            assertEquals(401, SignIn.post(base, "tickets", SignIn.credentials("other" + suffix, "guess"))
                    .statusCode(), "another name from the same address is still checked");

            for (int i = 1; i < SIGN_UPS_AN_HOUR; i++) {
                assertEquals(201, signUp(base, "newcomer" + i + suffix).statusCode());
            }
            HttpResponse<String> refused = signUp(base, "onetoomany" + suffix);
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("too-many-sign-ups", SignIn.json(refused).getString("error"));
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 60 && retryAfter <= 3600 / SIGN_UPS_AN_HOUR, "the next one in an hour's third: "
                    + retryAfter + " s");
            assertEquals(401, SignIn.post(base, "tickets", SignIn.credentials("onetoomany" + suffix,
                    SignIn.password("onetoomany" + suffix))).statusCode(), "and no account was made");
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<String> signUp(URL base, String name) {
        return SignIn.post(base, "accounts", SignIn.credentials(name, SignIn.password(name)));
    }
}
