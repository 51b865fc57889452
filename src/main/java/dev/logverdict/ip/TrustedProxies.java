package dev.logverdict.ip;

import java.util.List;

/** Address blocks whose X-Forwarded-For we believe: our own balancers and proxies. */
public record TrustedProxies(List<Cidr> blocks) {

    /** RFC 1918, loopback and unique-local IPv6: proxies inside our own network. */
    public static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "::1/128");

    public TrustedProxies {
        blocks = List.copyOf(blocks);
    }

    public static TrustedProxies of(List<String> cidrs) {
        return new TrustedProxies(cidrs.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Cidr::parse)
                .toList());
    }

    public static TrustedProxies privateRanges() {
        return of(PRIVATE_RANGES);
    }

    public boolean trusts(IpAddress address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
