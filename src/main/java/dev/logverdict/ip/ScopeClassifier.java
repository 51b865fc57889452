package dev.logverdict.ip;

import java.util.List;

/**
 * Classifies addresses against the IANA special-purpose registries (IPv4 and IPv6), multicast, and for
 * IPv6 the global unicast block 2000::/3. Only {@link IpScope#PUBLIC} addresses are worth a reputation
 * lookup: the others are not routable on the internet, so their reputation says nothing.
 * Every registry entry counts as non-public, including the few the registry marks globally reachable
 * (AS112, AMT, anycast relays): they are infrastructure, not clients.
 */
public final class ScopeClassifier {

    private record Block(Cidr cidr, IpScope scope) {}

    /** First match wins: more specific blocks precede the blocks that contain them. */
    private static final List<Block> V4 = List.of(
            block("0.0.0.0/32", IpScope.UNSPECIFIED),
            block("0.0.0.0/8", IpScope.RESERVED),
            block("10.0.0.0/8", IpScope.PRIVATE),
            block("100.64.0.0/10", IpScope.SHARED),
            block("127.0.0.0/8", IpScope.LOOPBACK),
            block("169.254.0.0/16", IpScope.LINK_LOCAL),
            block("172.16.0.0/12", IpScope.PRIVATE),
            block("192.0.0.0/24", IpScope.RESERVED),
            block("192.0.2.0/24", IpScope.DOCUMENTATION),
            block("192.31.196.0/24", IpScope.RESERVED),
            block("192.52.193.0/24", IpScope.RESERVED),
            block("192.88.99.0/24", IpScope.RESERVED),
            block("192.168.0.0/16", IpScope.PRIVATE),
            block("192.175.48.0/24", IpScope.RESERVED),
            block("198.18.0.0/15", IpScope.BENCHMARKING),
            block("198.51.100.0/24", IpScope.DOCUMENTATION),
            block("203.0.113.0/24", IpScope.DOCUMENTATION),
            block("224.0.0.0/4", IpScope.MULTICAST),
            block("255.255.255.255/32", IpScope.BROADCAST),
            block("240.0.0.0/4", IpScope.RESERVED));

    private static final List<Block> V6 = List.of(
            block("::/128", IpScope.UNSPECIFIED),
            block("::1/128", IpScope.LOOPBACK),
            block("64:ff9b::/96", IpScope.RESERVED),
            block("64:ff9b:1::/48", IpScope.RESERVED),
            block("100::/64", IpScope.RESERVED),
            block("100:0:0:1::/64", IpScope.RESERVED),
            block("2001:2::/48", IpScope.BENCHMARKING),
            block("2001::/23", IpScope.RESERVED),
            block("2001:db8::/32", IpScope.DOCUMENTATION),
            block("2002::/16", IpScope.RESERVED),
            block("2620:4f:8000::/48", IpScope.RESERVED),
            block("3fff::/20", IpScope.DOCUMENTATION),
            block("fc00::/7", IpScope.PRIVATE),
            block("fe80::/10", IpScope.LINK_LOCAL),
            block("ff00::/8", IpScope.MULTICAST),
            block("2000::/3", IpScope.PUBLIC));

    private ScopeClassifier() {}

    public static IpScope classify(IpAddress address) {
        for (Block block : address.version() == 4 ? V4 : V6) {
            if (block.cidr().contains(address)) {
                return block.scope();
            }
        }
        // IPv4 outside every special block is public; IPv6 outside 2000::/3 is not yet allocated.
        return address.version() == 4 ? IpScope.PUBLIC : IpScope.RESERVED;
    }

    /** Whether a special-purpose block (or, for IPv6, a block outside 2000::/3) lies inside {@code block}. */
    public static boolean containsSpecialBlock(Cidr block) {
        for (Block special : block.network().version() == 4 ? V4 : V6) {
            if (special.scope() != IpScope.PUBLIC && block.containsBlock(special.cidr())) {
                return true;
            }
        }
        return false;
    }

    private static Block block(String cidr, IpScope scope) {
        return new Block(Cidr.parse(cidr), scope);
    }
}
