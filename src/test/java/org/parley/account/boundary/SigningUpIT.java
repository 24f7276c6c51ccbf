package org.parley.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

class SigningUpIT extends DeployedParley {

    private HttpResponse<String> signUp(String name, String password) {
        return SignIn.post(base, "accounts", SignIn.credentials(name, password));
    }

    private void assertRefused(HttpResponse<String> answer, int status, String code) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(code, SignIn.json(answer).getString("error"), answer.body());
        assertTrue(SignIn.json(answer).getString("message").length() > 5, answer.body());
    }

    @Test
    void namesWithSqlHtmlControlCharactersOrSpacesAreRefusedWithTheRule() {
        for (String name : new String[] {"bob'; DROP TABLE ACCOUNT;--", "<script>x</script>", "bob\u0000",
                "tab\tname", "line\nbreak", "bob smith", "", "a".repeat(33)}) {
            assertRefused(signUp(name, "long enough password"), 400, "invalid-name");
        }
        try (ChatClient alive = ChatClient.connect(base, newAccount("after"))) {
            assertTrue(alive.isOpen(), "the store still works after the hostile names");
        }
    }

    @Test
    void shortPasswordIsRefusedAndLongOneAccepted() {
        assertRefused(signUp(newAccount("n").substring(0, 9) + "s", "seven77"), 400, "invalid-password");
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, signUp(name, "p".repeat(128)).statusCode());
        assertEquals(200, SignIn.post(base, "tickets", SignIn.credentials(name, "p".repeat(128))).statusCode());
    }

    @Test
    void aTakenNameIsRefusedWith409AndTheOwnersPasswordStillWorks() {
        String name = newAccount("owner");
        assertRefused(signUp(name, "the usurper's password"), 409, "name-taken");
        assertEquals(200, SignIn.post(base, "tickets", SignIn.credentials(name, SignIn.password(name))).statusCode());
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWith400() {
        assertRefused(SignIn.post(base, "accounts", "name=bob&password=x"), 400, "invalid-request");
    }

    @Test
    void bodiesThatAreNotExactlyOneJsonObjectAre400OnBothEndpoints() {
        String deep = "{\"name\":\"x\",\"n\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String trailing = SignIn.credentials("late" + UUID.randomUUID().toString().substring(0, 8), "long enough pw")
                + " xyz";
        for (String path : new String[] {"accounts", "tickets"}) {
            assertRefused(SignIn.post(base, path, deep), 400, "invalid-request");
            assertRefused(SignIn.post(base, path, trailing), 400, "invalid-request");
            assertRefused(SignIn.post(base, path, "[1, 2]"), 400, "invalid-request");
        }
    }

    @Test
    void bodiesThatDoNotSayTheyAreJsonAre415() {
        String name = "typed" + UUID.randomUUID().toString().substring(0, 8);
        String body = SignIn.credentials(name, "long enough password");
        for (String path : new String[] {"accounts", "tickets"}) {
            assertRefused(SignIn.post(base, path, body, null), 415, "unsupported-media-type");
            assertRefused(SignIn.post(base, path, body, "text/plain"), 415, "unsupported-media-type");
        }
        assertEquals(201, SignIn.post(base, "accounts", body, "application/json; charset=utf-8").statusCode(),
                "a charset is fine");
    }

    @Test
    void namesThatLookLikeAnExistingOneAreTaken() {
        String suffix = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "x");
        String paul = "paul" + suffix;
        assertEquals(201, signUp(paul, "pauls own password").statusCode());
        for (String lookAlike : new String[] {"Paul" + suffix, "PAUL" + suffix.toUpperCase(), "pauI" + suffix}) {
            assertRefused(signUp(lookAlike, "long enough password"), 409, "name-taken");
        }
        // Cyrillic р and а: mixed scripts are refused before anything is compared
        assertRefused(signUp("\u0440\u0430ul" + suffix, "long enough password"), 400, "invalid-name");
        assertEquals(200, SignIn.post(base, "tickets", SignIn.credentials("PAUL" + suffix.toUpperCase(),
                "pauls own password")).statusCode(), "the account is found in any case");
        assertEquals(paul, SignIn.json(SignIn.post(base, "tickets", SignIn.credentials("Paul" + suffix,
                "pauls own password"))).getString("name"), "and keeps the spelling it chose");
    }

    @Test
    void namesThatShowNothingOrHideSomethingAreRefused() {
        for (String name : new String[] {"\u3164\u3164", "\u0301\u0301", "ann\u200bie", "ＰＡＵＬ"}) {
            assertRefused(signUp(name, "long enough password"), 400, "invalid-name");
        }
    }
}
