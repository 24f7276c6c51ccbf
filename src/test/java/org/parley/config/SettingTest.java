package org.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingTest {

    @AfterEach
    void clear() {
        System.clearProperty(Setting.RETENTION.property());
        System.clearProperty(Setting.MAILBOX_CAPACITY.property());
        System.clearProperty(Setting.ALLOWED_ORIGINS.property());
        System.clearProperty(Setting.DATASOURCE.property());
        System.clearProperty(Setting.METRICS_FROM.property());
        System.clearProperty(Setting.METRICS_TOKEN.property());
        System.clearProperty(Setting.OPERATORS.property());
        System.clearProperty(Setting.DERBY_PAGE_CACHE.property());
    }

    @Test
    void derbysPageCacheIsAutoOrACount() {
        assertTrue(Setting.DERBY_PAGE_CACHE.positiveIntOrAuto().isEmpty(), "auto by default");
        System.setProperty(Setting.DERBY_PAGE_CACHE.property(), "12000");
        assertEquals(12_000, Setting.DERBY_PAGE_CACHE.positiveIntOrAuto().getAsInt());
        System.setProperty(Setting.DERBY_PAGE_CACHE.property(), "AUTO");
        assertTrue(Setting.DERBY_PAGE_CACHE.positiveIntOrAuto().isEmpty());
        System.setProperty(Setting.DERBY_PAGE_CACHE.property(), "0");
        String message = assertThrows(IllegalStateException.class, Setting.DERBY_PAGE_CACHE::positiveIntOrAuto)
                .getMessage();
        assertTrue(message.contains("PARLEY_DERBY_PAGE_CACHE") && message.contains("auto or"), message);
    }

    @Test
    void operatorsAreNamesSeparatedByCommas() {
        assertEquals(List.of(), Setting.OPERATORS.names(), "none by default");
        System.setProperty(Setting.OPERATORS.property(), " ann, Ben ,");
        assertEquals(List.of("ann", "Ben"), Setting.OPERATORS.names());
        System.setProperty(Setting.OPERATORS.property(), "ann smith");
        assertThrows(IllegalStateException.class, Setting.OPERATORS::names);
    }

    @Test
    void metricsAddressesAreCidrBlocksAndTheTokenIsLongEnough() {
        assertEquals(2, Setting.METRICS_FROM.addressRanges().size(), "loopback, both versions");
        System.setProperty(Setting.METRICS_FROM.property(), "10.0.0.0/8, 192.168.1.7");
        assertEquals(2, Setting.METRICS_FROM.addressRanges().size());
        System.setProperty(Setting.METRICS_FROM.property(), "prometheus.internal");
        String message = assertThrows(IllegalStateException.class, Setting.METRICS_FROM::addressRanges)
                .getMessage();
        assertTrue(message.contains("PARLEY_METRICS_FROM") && message.contains("CIDR"), message);

        assertTrue(Setting.METRICS_TOKEN.secret().isEmpty());
        System.setProperty(Setting.METRICS_TOKEN.property(), "short");
        message = assertThrows(IllegalStateException.class, Setting.METRICS_TOKEN::secret).getMessage();
        assertFalse(message.contains("short"), "a secret is never repeated: " + message);
        System.setProperty(Setting.METRICS_TOKEN.property(), "long-enough-token-42");
        assertEquals("long-enough-token-42", Setting.METRICS_TOKEN.secret().orElseThrow());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(Duration.ofDays(2), Setting.RETENTION.duration());
        assertEquals(10_000, Setting.MAILBOX_CAPACITY.positiveInt());
        assertEquals(65_536, Setting.FRAME_LIMIT.positiveInt());
        assertEquals(Duration.ofSeconds(30), Setting.HEARTBEAT_INTERVAL.duration());
    }

    @Test
    void environmentVariableNameFollowsThePropertyName() {
        assertEquals("PARLEY_HEARTBEAT_INTERVAL", Setting.HEARTBEAT_INTERVAL.environmentVariable());
        assertEquals("PARLEY_SEND_QUEUE_BYTES", Setting.SEND_QUEUE_BYTES.environmentVariable());
    }

    @Test
    void shortAndIsoDurationsAreUnderstood() {
        for (var expected : new Object[][] {{"500ms", Duration.ofMillis(500)}, {"45s", Duration.ofSeconds(45)},
                {"5m", Duration.ofMinutes(5)}, {"3h", Duration.ofHours(3)}, {"7d", Duration.ofDays(7)},
                {"PT90S", Duration.ofSeconds(90)}}) {
            System.setProperty(Setting.RETENTION.property(), (String) expected[0]);
            assertEquals(expected[1], Setting.RETENTION.duration());
        }
    }

    @Test
    void invalidValuesNameTheSettingAndWhatWasExpected() {
        System.setProperty(Setting.RETENTION.property(), "two days");
        String message = assertThrows(IllegalStateException.class, Setting.RETENTION::duration).getMessage();
        assertTrue(message.contains("parley.retention") && message.contains("PARLEY_RETENTION"), message);
        System.setProperty(Setting.MAILBOX_CAPACITY.property(), "-5");
        assertThrows(IllegalStateException.class, Setting.MAILBOX_CAPACITY::positiveInt);
        System.setProperty(Setting.RETENTION.property(), "0s");
        assertThrows(IllegalStateException.class, Setting.RETENTION::duration);
    }

    @Test
    void originsAreAListOfSchemeAndHost() {
        assertEquals(List.of(), Setting.ALLOWED_ORIGINS.origins());
        System.setProperty(Setting.ALLOWED_ORIGINS.property(), " https://Chat.example.com, http://localhost:8080 ");
        assertEquals(List.of("https://chat.example.com", "http://localhost:8080"),
                Setting.ALLOWED_ORIGINS.origins());
        System.setProperty(Setting.ALLOWED_ORIGINS.property(), "chat.example.com");
        String message = assertThrows(IllegalStateException.class, Setting::checkAll).getMessage();
        assertTrue(message.contains("parley.origins"), message);
    }

    @Test
    void dataSourceIsTheEmbeddedOneUnlessANameIsGiven() {
        assertEquals(Optional.empty(), Setting.DATASOURCE.jndiName());
        System.setProperty(Setting.DATASOURCE.property(), " java:jboss/datasources/ParleyDS ");
        assertEquals(Optional.of("java:jboss/datasources/ParleyDS"), Setting.DATASOURCE.jndiName());
        System.setProperty(Setting.DATASOURCE.property(), "jdbc/my parley");
        String message = assertThrows(IllegalStateException.class, Setting::checkAll).getMessage();
        assertTrue(message.contains("parley.datasource") && message.contains("PARLEY_DATASOURCE"), message);
    }
}
