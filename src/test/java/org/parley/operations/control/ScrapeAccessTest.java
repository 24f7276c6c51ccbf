package org.parley.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.config.AddressRange;
import org.parley.config.Setting;

class ScrapeAccessTest {

    private static final String TOKEN = "a-token-long-enough-1234";

    @Test
    void byDefaultThisMachineOnly() throws Exception {
        ScrapeAccess access = new ScrapeAccess(Setting.METRICS_FROM.addressRanges(), Setting.METRICS_TOKEN.secret());
        assertTrue(access.check(InetAddress.getByName("127.0.0.1"), null).allowed());
        assertTrue(access.check(InetAddress.getByName("::1"), null).allowed());
        assertEquals(403, access.check(InetAddress.getByName("192.0.2.7"), null).status());
    }

    @Test
    void theOperatorsRangesAreLetIn() throws Exception {
        ScrapeAccess access = new ScrapeAccess(List.of(AddressRange.parse("10.1.0.0/16")), Optional.empty());
        assertTrue(access.check(InetAddress.getByName("10.1.200.3"), null).allowed());
        assertEquals(403, access.check(InetAddress.getByName("127.0.0.1"), null).status(),
                "ranges of the operator's replace the default");
    }

    @Test
    void theTokenOpensFromAnywhereAndAWrongOneIsTurnedAwayEvenFromInside() throws Exception {
        ScrapeAccess access = new ScrapeAccess(List.of(AddressRange.parse("127.0.0.1")), Optional.of(TOKEN));
        InetAddress outside = InetAddress.getByName("198.51.100.20");
        assertTrue(access.check(outside, "Bearer " + TOKEN).allowed());
        ScrapeAccess.Verdict wrong = access.check(InetAddress.getByName("127.0.0.1"), "Bearer " + TOKEN + "!");
        assertEquals(401, wrong.status());
        assertEquals("wrong-metrics-token", wrong.error());
        assertEquals(401, access.check(outside, TOKEN).status(), "a bearer token says so");
    }

    @Test
    void withoutATokenAnyAuthorizationIsWrong() throws Exception {
        ScrapeAccess access = new ScrapeAccess(List.of(), Optional.empty());
        assertEquals(401, access.check(InetAddress.getByName("127.0.0.1"), "Bearer ").status());
        assertEquals(403, access.check(InetAddress.getByName("127.0.0.1"), null).status());
    }
}
