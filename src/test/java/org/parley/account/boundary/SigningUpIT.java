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
        try (ChatClient alive = ChatClient.connect(base, unique("after"))) {
            assertTrue(alive.isOpen(), "the store still works after the hostile names");
        }
    }

    @Test
    void shortPasswordIsRefusedAndLongOneAccepted() {
        assertRefused(signUp(unique("n").substring(0, 9) + "s", "seven77"), 400, "invalid-password");
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, signUp(name, "p".repeat(128)).statusCode());
        assertEquals(200, SignIn.post(base, "tickets", SignIn.credentials(name, "p".repeat(128))).statusCode());
    }

    @Test
    void aTakenNameIsRefusedWith409AndTheOwnersPasswordStillWorks() {
        String name = unique("owner");
        assertRefused(signUp(name, "the usurper's password"), 409, "name-taken");
        assertEquals(200, SignIn.post(base, "tickets", SignIn.credentials(name, SignIn.password(name))).statusCode());
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWith400() {
        assertRefused(SignIn.post(base, "accounts", "name=bob&password=x"), 400, "invalid-request");
    }
}
