package org.parley.deploy;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.testing.Command;
import org.parley.testing.DropInRoundTrip;

/**
 * README "Deploy to Payara Server", step by step on the distribution Maven unpacked from Central: start a domain,
 * {@code asadmin deploy} the WAR, chat. The domain is one of its own, on a port base of its own, so it keeps out of
 * the way of anything on the default ports.
 */
class PayaraServerDropInIT {

    private static final String DOMAIN = "parley-check";
    private static final int PORT_BASE = 13000;

    @Test
    void warDeployedWithAsadminChatsOnPayaraServer() throws Exception {
        Path home = Path.of(System.getProperty("payara.home"));
        String asadmin = home.resolve("bin/asadmin").toString();
        Path log = Path.of(System.getProperty("parley.war")).getParent().resolve("dropin-payara.log");
        String war = System.getProperty("parley.war");

        Command.run(log, Duration.ofMinutes(2), asadmin, "create-domain", "--nopassword", "--portbase",
                Integer.toString(PORT_BASE), DOMAIN);
        Command.run(log, Duration.ofMinutes(3), asadmin, "start-domain", DOMAIN);
        try {
            Command.run(log, Duration.ofMinutes(3), asadmin, "--port", Integer.toString(PORT_BASE + 48), "deploy", war);
            DropInRoundTrip.run(new URL("http://localhost:" + (PORT_BASE + 80) + "/parley/"));
        } finally {
            Command.run(log, Duration.ofMinutes(2), asadmin, "stop-domain", DOMAIN);
            Command.run(log, Duration.ofMinutes(1), asadmin, "delete-domain", DOMAIN);
        }
    }
}
