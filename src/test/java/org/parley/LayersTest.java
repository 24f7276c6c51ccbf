package org.parley;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parley's packages depend one way, bottom to top in this order: a package uses only those below it, so a newcomer
 * can read them upwards and a change below never needs one above.
 */
class LayersTest {

    /** Bottom first. Within a feature, boundary, control and entity may use one another. */
    static final List<String> BOTTOM_UP = List.of(
            "config",     // settings, read and checked at start
            "metrics",    // what operators scrape
            "web",        // the REST application, strict JSON bodies, refusals
            "store",      // the data source, the schema and its migrations
            "account",    // accounts, names, tickets; announces what ends a session
            "protocol",   // client and server frames, error and close codes
            "log",        // the message log: numbering, storing, reading back
            "room",       // rooms: members, roles, what each may read; decided as the log commits
            "live",       // the live connections: joining, routing, fan-out, presence
            "cluster",    // other servers of one chat, behind live's one interface
            "admin",      // operators' administration
            "operations"  // health, readiness, metrics endpoint, stopping
    );

    private static JavaClasses parley;

    /** The WAR's classes only, from target/classes beside these tests': the benchmark's share org.parley too. */
    @BeforeAll
    static void read() throws URISyntaxException {
        Path tests = Path.of(LayersTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        parley = new ClassFileImporter().importPath(tests.resolveSibling("classes"));
    }

    static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : BOTTOM_UP) {
            layers = layers.layer(layer).definedBy("org.parley." + layer + "..");
        }
        for (int i = 0; i < BOTTOM_UP.size(); i++) {
            List<String> above = BOTTOM_UP.subList(i + 1, BOTTOM_UP.size());
            layers = above.isEmpty() ? layers.whereLayer(BOTTOM_UP.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(BOTTOM_UP.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return layers;
    }

    @Test
    void eachPackageUsesOnlyThoseBelowIt() {
        layers().check(parley);
    }

    @Test
    void everyClassIsInALayer() {
        parley.stream().map(c -> c.getPackageName()).filter(p -> !p.equals("org.parley"))
                .filter(p -> BOTTOM_UP.stream().noneMatch(l -> p.equals("org.parley." + l)
                        || p.startsWith("org.parley." + l + ".")))
                .findAny().ifPresent(p -> {
                    throw new AssertionError(p + " is in no layer: give it its place in BOTTOM_UP");
                });
    }

    @Test
    void noTwoFeaturesUseEachOther() {
        slices().matching("org.parley.(*)..").should().beFreeOfCycles().check(parley);
    }
}
