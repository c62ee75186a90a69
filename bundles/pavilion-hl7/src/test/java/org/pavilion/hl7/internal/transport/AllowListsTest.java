package org.pavilion.hl7.internal.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class AllowListsTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    public void anEmptyAddressListAllowsLoopbackOnlyNeverAnyone() throws Exception {
        AddressAllowList empty = AddressAllowList.parse(" ");
        assertTrue(empty.allows(ip("127.0.0.1")));
        assertTrue(empty.allows(ip("127.1.2.3")));
        assertTrue(empty.allows(ip("::1")));
        assertFalse(empty.allows(ip("10.0.0.5")));
        assertFalse(empty.allows(ip("192.168.1.1")));
        assertFalse(empty.allows(ip("2001:db8::1")));
        assertFalse(empty.allows(null));
    }

    @Test
    public void ipv4CidrBlocksAndSingleAddressesMatchTheirPrefixOnly() throws Exception {
        AddressAllowList list = AddressAllowList.parse("10.1.20.0/24, 192.168.7.9 ,172.16.0.0/12");
        assertTrue(list.allows(ip("10.1.20.0")));
        assertTrue(list.allows(ip("10.1.20.255")));
        assertFalse(list.allows(ip("10.1.21.1")));
        assertTrue(list.allows(ip("192.168.7.9")));
        assertFalse(list.allows(ip("192.168.7.10")));
        assertTrue(list.allows(ip("172.31.255.1")));
        assertFalse(list.allows(ip("172.32.0.1")));
        assertFalse("a list replaces the loopback default", list.allows(ip("127.0.0.1")));
    }

    @Test
    public void ipv6BlocksMatchAndIpv4MappedPeersAreSeenAsIpv4() throws Exception {
        AddressAllowList list = AddressAllowList.parse("2001:db8:abcd::/48,10.0.0.0/8,fe80::1");
        assertTrue(list.allows(ip("2001:db8:abcd:12::7")));
        assertFalse(list.allows(ip("2001:db8:abce::7")));
        assertTrue(list.allows(ip("fe80::1")));
        assertTrue(list.allows(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
                (byte) 0xff, 10, 9, 8, 7})));
        assertFalse(list.allows(ip("11.0.0.1")));
        assertTrue(AddressAllowList.parse("::/0").allows(ip("2001:db8::1")));
        assertTrue(AddressAllowList.parse("10.0.0.0/7").allows(ip("11.255.0.1")));
        assertFalse(AddressAllowList.parse("10.0.0.0/7").allows(ip("12.0.0.1")));
    }

    @Test
    public void hostNamesAndBadPrefixesAreRejectedAtConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse("lab.example.org"));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse("::1/129"));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse("300.1.1.1"));
    }

    @Test
    public void sendersMatchMsh3AndMsh4FirstComponentsWithWildcards() {
        SenderAllowList list = SenderAllowList.parse("LAB^MAIN_HOSPITAL, ADT^*, *^CLINIC_B");
        assertTrue(list.allows("LAB", "MAIN_HOSPITAL", '^'));
        assertTrue("components after the first are not compared",
                list.allows("LAB^1.2.3^ISO", "MAIN_HOSPITAL^9.9^ISO", '^'));
        assertFalse(list.allows("LAB", "OTHER_HOSPITAL", '^'));
        assertTrue(list.allows("ADT", "ANYWHERE", '^'));
        assertTrue(list.allows("RADIOLOGY", "CLINIC_B", '^'));
        assertFalse(list.allows("RADIOLOGY", "CLINIC_C", '^'));
        assertFalse("case matters", list.allows("lab", "MAIN_HOSPITAL", '^'));
        assertTrue(list.allows("LAB#X", "MAIN_HOSPITAL", '#'));
        assertFalse(list.allows("", "", '^'));
    }

    @Test
    public void anEmptySenderListTakesAnySenderAndABadEntryIsRejected() {
        assertTrue(SenderAllowList.parse("").anySender());
        assertTrue(SenderAllowList.parse("").allows("WHOEVER", "WHEREVER", '^'));
        assertThrows(IllegalArgumentException.class, () -> SenderAllowList.parse("LAB"));
        assertThrows(IllegalArgumentException.class, () -> SenderAllowList.parse("LAB^"));
        assertThrows(IllegalArgumentException.class, () -> SenderAllowList.parse("A^B^C"));
    }

    @Test
    public void refusalsBeyondTheRatePerMinuteAreCountedNotRecorded() {
        AtomicLong now = new AtomicLong(1_000_000);
        RefusalLimiter limiter = new RefusalLimiter(3, now::get);
        assertEquals(0, limiter.admit());
        assertEquals(0, limiter.admit());
        assertEquals(0, limiter.admit());
        for (int i = 0; i < 1000; i++) {
            assertEquals(-1, limiter.admit());
        }
        now.addAndGet(60_000);
        assertEquals("the next one let through reports those held back", 1000, limiter.admit());
        assertEquals(0, limiter.admit());
    }
}
