package org.parley.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    private static InetAddress at(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void aBlockHoldsItsAddressesOnly() throws Exception {
        AddressRange tens = AddressRange.parse("10.0.0.0/8");
        assertTrue(tens.contains(at("10.255.3.4")));
        assertFalse(tens.contains(at("11.0.0.1")));
        AddressRange odd = AddressRange.parse("192.168.4.0/22");
        assertTrue(odd.contains(at("192.168.7.255")));
        assertFalse(odd.contains(at("192.168.8.0")), "the prefix ends inside the third byte");
        assertFalse(odd.contains(at("192.168.3.255")));
    }

    @Test
    void oneAddressIsABlockOfOne() throws Exception {
        AddressRange loopback = AddressRange.parse("127.0.0.1");
        assertTrue(loopback.contains(at("127.0.0.1")));
        assertFalse(loopback.contains(at("127.0.0.2")));
        assertTrue(AddressRange.parse("::1").contains(at("0:0:0:0:0:0:0:1")));
    }

    @Test
    void versionsDoNotMix() throws Exception {
        assertFalse(AddressRange.parse("0.0.0.0/0").contains(at("::1")));
        assertTrue(AddressRange.parse("0.0.0.0/0").contains(at("203.0.113.9")), "/0 is every IPv4 address");
        assertTrue(AddressRange.parse("fd00::/8").contains(at("fd12:3456::1")));
        assertFalse(AddressRange.parse("fd00::/8").contains(at("fe80::1")));
    }

    @Test
    void onlyLiteralAddressesAndSensiblePrefixes() {
        for (String bad : new String[] {"example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/x",
                "10.0.0.0/8/8", "", "10.0.0"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(bad), bad);
        }
    }
}
