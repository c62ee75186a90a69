package org.pavilion.core.internal.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which direct peers are trusted reverse proxies, and who the client is behind them: the rightmost address of
 * X-Forwarded-For that is not itself a trusted proxy. Headers from any other peer are ignored (anyone can send them).
 */
public final class ProxyTrust {

    /** A literal IPv4 or IPv6 address: never resolved through DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Block> blocks;

    private ProxyTrust(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static ProxyTrust none() {
        return new ProxyTrust(List.of());
    }

    /** @throws IllegalArgumentException naming an entry that is not an address or CIDR block */
    public static ProxyTrust of(String... entries) {
        List<Block> blocks = new ArrayList<>();
        if (entries != null) {
            for (String raw : entries) {
                for (String entry : raw == null ? new String[0] : raw.split(",")) {
                    if (!entry.isBlank()) {
                        blocks.add(Block.parse(entry.trim()));
                    }
                }
            }
        }
        return new ProxyTrust(List.copyOf(blocks));
    }

    public int size() {
        return blocks.size();
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Block b : blocks) {
            if (b.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The client of a request and whether it reached the first hop over HTTPS. */
    public record Origin(String address, boolean secure) {
    }

    /**
     * @param peer the direct TCP peer
     * @param forwardedFor every X-Forwarded-For header value in order (may be empty)
     * @param forwardedProto the X-Forwarded-Proto header, or null
     * @param peerSecure whether the connection from the peer is TLS
     */
    public Origin resolve(String peer, List<String> forwardedFor, String forwardedProto, boolean peerSecure) {
        if (!trusts(peer)) {
            return new Origin(peer, peerSecure);
        }
        List<String> hops = new ArrayList<>();
        if (forwardedFor != null) {
            for (String header : forwardedFor) {
                for (String hop : header.split(",")) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = stripPort(hops.get(i));
            if (literal(hop) == null) {
                break; // garbage or "unknown": do not look further left than a hop we cannot check
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        boolean secure = peerSecure;
        if (forwardedProto != null && !forwardedProto.isBlank()) {
            String first = forwardedProto.split(",")[0].trim();
            secure = "https".equalsIgnoreCase(first);
        }
        return new Origin(client, secure);
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) { // [v6]:port
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop; // v4:port
    }

    private static byte[] literal(String address) {
        if (address == null || address.isEmpty() || !LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Block(byte[] network, int prefix) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = literal(host);
            if (bytes == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR block: " + entry);
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not a CIDR block: " + entry);
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("Prefix out of range: " + entry);
                }
            }
            return new Block(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
