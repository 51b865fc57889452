package dev.logverdict.ip;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser against the JDK's own address handling, on generated inputs from fixed seeds (the same every
 * run, so a failure reproduces; the message names the input).
 */
class IpAddressParserPropertyTest {

    @Test
    void everyInetAddressFormattedIpv6RoundTrips() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(6);
        for (int run = 0; run < 2000; run++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            if (run % 4 == 0) {
                zeroRun(random, bytes); // runs of zero groups, where '::' goes
            }
            InetAddress jdk = InetAddress.getByAddress(bytes);
            IpAddress parsed = IpAddressParser.parse(jdk.getHostAddress());

            assertThat(parsed).as(jdk.getHostAddress()).isNotNull();
            if (jdk instanceof Inet4Address) {
                continue; // an IPv4-mapped address, which the JDK already turned into IPv4
            }
            assertThat(parsed.toBytes()).as(jdk.getHostAddress()).containsExactly(jdk.getAddress());
            assertThat(IpAddressParser.parse(parsed.toString()))
                    .as("canonical text parses back")
                    .isEqualTo(parsed);
        }
    }

    @Test
    void everyInetAddressFormattedIpv4RoundTrips() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(4);
        for (int run = 0; run < 2000; run++) {
            byte[] bytes = new byte[4];
            random.nextBytes(bytes);
            InetAddress jdk = InetAddress.getByAddress(bytes);
            IpAddress parsed = IpAddressParser.parse(jdk.getHostAddress());

            assertThat(parsed).as(jdk.getHostAddress()).isNotNull();
            assertThat(parsed.toBytes()).containsExactly(bytes);
            assertThat(parsed.toString()).isEqualTo(jdk.getHostAddress());
        }
    }

    @Test
    void theDottedQuadShortcutAcceptsExactlyTheIpv4ClientFieldsOfTheFullParser() {
        SplittableRandom random = new SplittableRandom(44);
        for (int run = 0; run < 5000; run++) {
            String text = ipv4LikeText(random);
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            long bits = IpAddressParser.dottedQuad(bytes, 0, bytes.length);
            IpAddress full = IpAddressParser.parseClientField(text);
            if (bits >= 0) {
                assertThat(full).as(text).isEqualTo(IpAddress.ofV4((int) bits));
            } else {
                // Only bracketed or zoned forms may still be accepted by the full parser, never a bare dotted quad.
                assertThat(full == null || text.startsWith("[") || text.contains("%") || text.contains(":"))
                        .as(text)
                        .isTrue();
            }
        }
    }

    @Test
    void agreesWithInetAddressOnIpv6LiteralForms() {
        SplittableRandom random = new SplittableRandom(66);
        for (int run = 0; run < 5000; run++) {
            String text = ipv6LikeText(random);
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
                assertThat(parsed)
                        .as("group of more than 4 hex digits in %s", text)
                        .isNull();
                continue;
            }
            if (jdk == null) {
                assertThat(parsed).as("JDK rejects %s", text).isNull();
                continue;
            }
            assertThat(parsed).as("JDK accepts %s", text).isNotNull();
            if (jdk instanceof Inet4Address) {
                assertThat(parsed.version()).as(text).isEqualTo(4);
            }
            assertThat(parsed.toBytes()).as(text).containsExactly(jdk.getAddress());
        }
    }

    @Test
    void acceptsADottedQuadExactlyWhenEveryOctetIsAtMost255() {
        SplittableRandom random = new SplittableRandom(255);
        for (int run = 0; run < 3000; run++) {
            int a = random.nextInt(1000);
            int b = random.nextInt(1000);
            int c = random.nextInt(1000);
            int d = random.nextInt(1000);
            IpAddress parsed = IpAddressParser.parse(a + "." + b + "." + c + "." + d);
            boolean valid = a <= 255 && b <= 255 && c <= 255 && d <= 255;
            assertThat(parsed != null).as(a + "." + b + "." + c + "." + d).isEqualTo(valid);
        }
    }

    private static void zeroRun(SplittableRandom random, byte[] bytes) {
        int from = random.nextInt(8);
        int to = from + random.nextInt(8 - from) + 1;
        for (int group = from; group < to; group++) {
            bytes[2 * group] = 0;
            bytes[2 * group + 1] = 0;
        }
    }

    private static String digits(SplittableRandom random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String octet(SplittableRandom random) {
        return random.nextBoolean() ? String.valueOf(random.nextInt(301)) : digits(random, "0123456789", 4);
    }

    private static String ipv4LikeText(SplittableRandom random) {
        String quad = octet(random) + "." + octet(random) + "." + octet(random) + "." + octet(random);
        return switch (random.nextInt(3)) {
            case 0 -> quad;
            case 1 -> "[" + quad + "]";
            default -> digits(random, "0123456789.[]%:", 18);
        };
    }

    private static String ipv6LikeText(SplittableRandom random) {
        int groups = random.nextInt(10);
        int compressAt = random.nextInt(11) - 1;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (i == compressAt) {
                text.append("::");
            } else if (i > 0) {
                text.append(':');
            }
            text.append(digits(random, "0123456789abcdefABCDEF", 5));
        }
        if (random.nextBoolean()) {
            text.append(':')
                    .append(
                            random.nextBoolean()
                                    ? digits(random, "0123456789abcdefABCDEF", 5)
                                    : random.nextInt(301) + ".1.2." + random.nextInt(256));
        }
        if (text.indexOf(":") < 0) {
            text.append("::");
        }
        return text.toString();
    }
}
