package org.parley.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class that talks to Parley deployed on the suite's server, from outside as clients do. Tests
 * share that server, so each makes up user names of its own with {@link #newAccount(String)} (which signs up).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedParley {

    @ArquillianResource
    protected URL base;

    @Deployment(testable = false)
    public static WebArchive parley() {
        return Deployments.parley();
    }

    /**
     * The names of the people online now whose names start with {@code prefix}, as {@code GET /api/online} answers
     * someone signed in (a new account of this test's, made for asking).
     */
    protected List<String> onlineNow(String prefix) {
        JsonObject answer = SignIn.json(SignIn.getWith(base, "online?prefix=" + URLEncoder.encode(prefix,
                StandardCharsets.UTF_8) + "&limit=200", SignIn.ticket(base, newAccount("asker"))));
        return answer.getJsonArray("people").getValuesAs(JsonString::getString);
    }

    /** A new user's name, with an account, so that messages to it are accepted before it ever connects. */
    protected String newAccount(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        SignIn.signUp(base, name);
        return name;
    }
}
