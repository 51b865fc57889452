package dev.logverdict.ip;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser against the JDK's own address handling. */
class IpAddressParserProperties {

    @Property(tries = 2000)
    void everyInetAddressFormattedIpv6RoundTrips(@ForAll @Size(16) byte[] bytes) throws UnknownHostException {
        InetAddress jdk = InetAddress.getByAddress(bytes);
        IpAddress parsed = IpAddressParser.parse(jdk.getHostAddress());

        assertThat(parsed).isNotNull();
        assertThat(parsed.toBytes()).containsExactly(jdk.getAddress());
        assertThat(IpAddressParser.parse(parsed.toString())).as("canonical text parses back").isEqualTo(parsed);
    }

    @Property(tries = 2000)
    void everyInetAddressFormattedIpv4RoundTrips(@ForAll @Size(4) byte[] bytes) throws UnknownHostException {
        InetAddress jdk = InetAddress.getByAddress(bytes);
        IpAddress parsed = IpAddressParser.parse(jdk.getHostAddress());

        assertThat(parsed).isNotNull();
        assertThat(parsed.toBytes()).containsExactly(bytes);
        assertThat(parsed.toString()).isEqualTo(jdk.getHostAddress());
    }

    @Property(tries = 5000)
    void theDottedQuadShortcutAcceptsExactlyTheIpv4ClientFieldsOfTheFullParser(@ForAll("ipv4LikeText") String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long bits = IpAddressParser.dottedQuad(bytes, 0, bytes.length);
        IpAddress full = IpAddressParser.parseClientField(text);
        if (bits >= 0) {
            assertThat(full).as(text).isEqualTo(IpAddress.ofV4((int) bits));
        } else {
            // Only bracketed or zoned forms may still be accepted by the full parser, never a bare dotted quad.
            assertThat(full == null || text.startsWith("[") || text.contains("%") || text.contains(":")).as(text).isTrue();
        }
    }

    @Provide
    Arbitrary<String> ipv4LikeText() {
        Arbitrary<String> octet = Arbitraries.oneOf(Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(4));
        Arbitrary<String> quads = Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789.[]%:").ofMinLength(0).ofMaxLength(18);
        return Arbitraries.oneOf(quads, quads.map(q -> "[" + q + "]"), noise);
    }

    @Property(tries = 5000)
    void agreesWithInetAddressOnIpv6LiteralForms(@ForAll("ipv6LikeText") String text) {
        // A string with ':' is always treated as a literal by InetAddress: no name resolution happens.
        InetAddress jdk;
        try {
            jdk = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            jdk = null;
        }
        IpAddress parsed = IpAddressParser.parse(text);
        if (text.matches(".*[0-9a-fA-F]{5,}.*")) {
            // RFC 4291 allows 1 to 4 hex digits per group; the JDK also takes 00abc. Here we are stricter.
            assertThat(parsed).as("group of more than 4 hex digits in %s", text).isNull();
            return;
        }
        if (jdk == null) {
            assertThat(parsed).as("JDK rejects %s", text).isNull();
            return;
        }
        assertThat(parsed).as("JDK accepts %s", text).isNotNull();
        if (jdk instanceof Inet4Address) {
            assertThat(parsed.version()).isEqualTo(4);
        }
        assertThat(parsed.toBytes()).containsExactly(jdk.getAddress());
    }

    @Property(tries = 3000)
    void acceptsADottedQuadExactlyWhenEveryOctetIsAtMost255(
            @ForAll @IntRange(max = 999) int a, @ForAll @IntRange(max = 999) int b,
            @ForAll @IntRange(max = 999) int c, @ForAll @IntRange(max = 999) int d) {
        IpAddress parsed = IpAddressParser.parse(a + "." + b + "." + c + "." + d);
        boolean valid = a <= 255 && b <= 255 && c <= 255 && d <= 255;
        assertThat(parsed != null).isEqualTo(valid);
    }

    @Provide
    Arbitrary<String> ipv6LikeText() {
        Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(0).ofMaxLength(5);
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 255))
                .as((x, y) -> x + ".1.2." + y);
        Arbitrary<String> tail = Arbitraries.oneOf(group, v4);
        return Combinators.combine(group.list().ofMinSize(0).ofMaxSize(9), Arbitraries.integers().between(-1, 9), tail,
                        Arbitraries.of(true, false))
                .as((List<String> groups, Integer compressAt, String last, Boolean withTail) -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < groups.size(); i++) {
                        if (i == compressAt) {
                            text.append("::");
                        } else if (i > 0) {
                            text.append(':');
                        }
                        text.append(groups.get(i));
                    }
                    if (withTail) {
                        text.append(':').append(last);
                    }
                    if (text.indexOf(":") < 0) {
                        text.append("::");
                    }
                    return text.toString();
                });
    }
}
