package org.pavilion.hl7.internal.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a listener accepts connections from: single addresses and CIDR blocks, IPv4 and IPv6, written
 * as literals (no host names: a name lookup per connection would make the check slow and spoofable). Empty means
 * loopback only, never anyone: opening a listener to the network takes an explicit entry such as
 * {@code 0.0.0.0/0}. An IPv4-mapped IPv6 peer (::ffff:a.b.c.d) is matched as the IPv4 address it carries.
 */
public final class AddressAllowList {

    private static final List<Block> LOOPBACK = List.of(Block.parse("127.0.0.0/8"), Block.parse("::1/128"));

    private final List<Block> blocks;
    private final String text;

    private AddressAllowList(List<Block> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** Parses a comma list; an {@link IllegalArgumentException} names the first entry it cannot read. */
    public static AddressAllowList parse(String list) {
        List<Block> blocks = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    blocks.add(Block.parse(entry.strip()));
                }
            }
        }
        return blocks.isEmpty() ? new AddressAllowList(LOOPBACK, "loopback only")
                : new AddressAllowList(List.copyOf(blocks), list.strip());
    }

    public boolean allows(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = unmapped(address.getAddress());
        for (Block b : blocks) {
            if (b.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** ::ffff:a.b.c.d as a.b.c.d; any other address as it is. */
    private static byte[] unmapped(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return a;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = literal(host, entry);
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1).strip());
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("bad prefix length in allowed address '" + entry + "'");
                }
            }
            return new Block(address, prefix);
        }

        /** An address literal only: InetAddress.getByName would resolve a host name. */
        private static byte[] literal(String host, String entry) {
            String h = host.strip();
            boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean v6 = h.contains(":") && h.matches("[0-9A-Fa-f:.]+");
            if (!v4 && !v6) {
                throw new IllegalArgumentException("allowed address '" + entry
                        + "' is not an IPv4/IPv6 address or CIDR block (host names are not accepted)");
            }
            try {
                InetAddress a = InetAddress.getByName(h);
                if (v4 && !(a instanceof Inet4Address) || v6 && !(a instanceof Inet6Address || a instanceof Inet4Address)) {
                    throw new IllegalArgumentException("allowed address '" + entry + "' is not valid");
                }
                return unmapped(a.getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("allowed address '" + entry + "' is not valid");
            }
        }

        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
