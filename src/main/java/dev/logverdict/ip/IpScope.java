package dev.logverdict.ip;

/** Where an address is routable, after the IANA IPv4 and IPv6 special-purpose address registries. */
public enum IpScope {
    PUBLIC("public"),
    PRIVATE("private"),
    SHARED("shared"),
    LOOPBACK("loopback"),
    LINK_LOCAL("link-local"),
    MULTICAST("multicast"),
    DOCUMENTATION("documentation"),
    BENCHMARKING("benchmarking"),
    UNSPECIFIED("unspecified"),
    BROADCAST("broadcast"),
    RESERVED("reserved");

    private final String label;

    IpScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
