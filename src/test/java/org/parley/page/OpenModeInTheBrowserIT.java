package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.Person;
import org.parley.testing.RestartableParley;

/** README, Security model: in open demo mode ({@code parley.open=true}) the page says that anyone can be anyone. */
class OpenModeInTheBrowserIT extends RestartableParley {

    @Test
    void thePageShowsTheBannerWhileOpenModeIsOn() {
        URL base = start(Map.of("parley.open", "true"));
        try (Person ann = Person.at(base, "ann" + UUID.randomUUID().toString().substring(0, 6))) {
            String banner = ann.awaitOpenModeBanner();
            assertTrue(banner.startsWith("Open demo mode"), banner);
            ann.connectByName();
            assertTrue(ann.awaitOpenModeBanner().startsWith("Open demo mode"), "still shown once connected");
        } finally {
            stop();
        }
    }
}
