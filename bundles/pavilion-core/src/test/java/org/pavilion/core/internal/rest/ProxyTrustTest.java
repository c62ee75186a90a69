package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class ProxyTrustTest {

    private static final ProxyTrust PROXIES = ProxyTrust.of("10.0.0.5", "192.168.10.0/24, ::1");

    @Test
    public void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        ProxyTrust.Origin o = PROXIES.resolve("203.0.113.9", List.of("1.2.3.4"), "https", false);
        assertEquals("203.0.113.9", o.address());
        assertFalse(o.secure());
    }

    @Test
    public void withNoTrustedProxyThePeerIsAlwaysTheClient() {
        ProxyTrust.Origin o = ProxyTrust.of("").resolve("127.0.0.1", List.of("198.51.100.7"), "https", false);
        assertEquals("127.0.0.1", o.address());
        assertFalse(o.secure());
    }

    @Test
    public void theRightmostUntrustedHopIsTheClient() {
        // The client may have sent its own X-Forwarded-For: 6.6.6.6; the first proxy appended the real address.
        ProxyTrust.Origin o = PROXIES.resolve("10.0.0.5", List.of("6.6.6.6, 198.51.100.7", "192.168.10.20"),
                "https", false);
        assertEquals("198.51.100.7", o.address());
        assertTrue(o.secure());
    }

    @Test
    public void aTrustedPeerWithoutHeadersIsItselfTheClient() {
        ProxyTrust.Origin o = PROXIES.resolve("192.168.10.77", List.of(), null, true);
        assertEquals("192.168.10.77", o.address());
        assertTrue(o.secure());
    }

    @Test
    public void portsAndIpv6HopsAreUnderstood() {
        assertEquals("198.51.100.7", PROXIES.resolve("::1", List.of("198.51.100.7:5555"), null, false).address());
        assertEquals("2001:db8::1", PROXIES.resolve("0:0:0:0:0:0:0:1", List.of("[2001:db8::1]:443"), null, false)
                .address());
    }

    @Test
    public void anUncheckableHopStopsTheWalk() {
        ProxyTrust.Origin o = PROXIES.resolve("10.0.0.5", List.of("1.1.1.1, unknown, 192.168.10.3"), "http", true);
        assertEquals("192.168.10.3", o.address());
        assertFalse(o.secure());
    }

    @Test
    public void cidrBlocksMatchByPrefix() {
        ProxyTrust t = ProxyTrust.of("172.16.0.0/12", "fd00::/8");
        assertTrue(t.trusts("172.31.255.1"));
        assertFalse(t.trusts("172.32.0.1"));
        assertTrue(t.trusts("fd12:3456::1"));
        assertFalse(t.trusts("fe80::1"));
        assertFalse(t.trusts("localhost")); // names are never resolved
    }

    @Test
    public void aMistypedEntryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProxyTrust.of("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ProxyTrust.of("proxy.example.org"));
    }
}
