package org.parley.testing;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class that talks to Parley deployed on the suite's server, from outside as clients do. Tests
 * share that server, so each makes up user names of its own with {@link #unique(String)}.
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

    /** A new user's name, with an account, so that messages to it are accepted before it ever connects. */
    protected String unique(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        SignIn.signUp(base, name);
        return name;
    }
}
