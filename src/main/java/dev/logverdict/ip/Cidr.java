package dev.logverdict.ip;

/** An address block; {@code contains} is two masked compares, cheap enough for every line. */
public record Cidr(IpAddress network, int prefixLength) {

    public Cidr {
        int maxLength = network.version() == 4 ? 32 : 128;
        if (prefixLength < 0 || prefixLength > maxLength) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " out of range for IPv" + network.version());
        }
    }

    /** Parses {@code 10.0.0.0/8} or {@code fc00::/7}; host bits must be zero. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR block (missing /length): " + text);
        }
        IpAddress network = IpAddressParser.parse(text.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("not a CIDR block (bad address): " + text);
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block (bad length): " + text, e);
        }
        Cidr cidr = new Cidr(network, length);
        if (!cidr.contains(network) || !cidr.firstAddress().equals(network)) {
            throw new IllegalArgumentException("CIDR block has host bits set: " + text);
        }
        return cidr;
    }

    public boolean contains(IpAddress address) {
        if (address.version() != network.version()) {
            return false;
        }
        if (network.version() == 4) {
            long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
            return (address.low() & mask) == network.low();
        }
        return (address.high() & highMask()) == network.high() && (address.low() & lowMask()) == network.low();
    }

    /** The block's highest address. */
    public IpAddress lastAddress() {
        if (network.version() == 4) {
            long hostBits = prefixLength == 32 ? 0 : (0xFFFF_FFFFL >>> prefixLength);
            return IpAddress.ofV4((int) (network.low() | hostBits));
        }
        return IpAddress.ofV6(network.high() | ~highMask(), network.low() | ~lowMask());
    }

    /** Whether {@code other} lies wholly inside this block. */
    public boolean containsBlock(Cidr other) {
        return other.network().version() == network.version()
                && other.prefixLength >= prefixLength
                && contains(other.network());
    }

    private IpAddress firstAddress() {
        if (network.version() == 4) {
            long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
            return IpAddress.ofV4((int) (network.low() & mask));
        }
        return IpAddress.ofV6(network.high() & highMask(), network.low() & lowMask());
    }

    private long highMask() {
        return prefixLength >= 64 ? -1L : prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
    }

    private long lowMask() {
        return prefixLength <= 64 ? 0 : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
