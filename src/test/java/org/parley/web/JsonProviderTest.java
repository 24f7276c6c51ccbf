package org.parley.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every factory method of {@code jakarta.json.Json} looks the JSON provider up again with a service loader: on
 * Payara that was a third of a room list's 500 entries' time (JFR, 25 of 93 samples). Parley asks its one
 * provider, {@link Json#PROVIDER}, instead.
 */
class JsonProviderTest {

    @Test
    void nothingAsksJakartaJsonForAProviderPerCall() throws URISyntaxException {
        Path tests = Path.of(JsonProviderTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        noClasses().should().callMethodWhere(DescribedPredicate.describe("a method of jakarta.json.Json",
                        call -> call.getTarget().getOwner().isEquivalentTo(jakarta.json.Json.class)))
                .because("each call looks the provider up anew; use org.parley.web.Json.PROVIDER")
                .check(new ClassFileImporter().importPath(tests.resolveSibling("classes")));
    }
}
