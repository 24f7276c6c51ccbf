package org.parley.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment every integration test uses: the very WAR that {@code package} built. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive parley() {
        String war = System.getProperty("parley.war", "target/parley.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(war));
    }
}
