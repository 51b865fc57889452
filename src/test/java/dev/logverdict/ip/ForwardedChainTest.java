package dev.logverdict.ip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedChainTest {

    private final TrustedProxies trusted = TrustedProxies.privateRanges();

    @ParameterizedTest(name = "{0} with XFF \"{1}\" -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.1|203.0.113.7|203.0.113.7",
                "10.0.0.1|203.0.113.7, 10.0.0.2|203.0.113.7",
                "10.0.0.1|1.1.1.1, 203.0.113.7, 10.0.0.2|203.0.113.7",
                "10.0.0.1|203.0.113.7:51234|203.0.113.7",
                "10.0.0.1|[2001:db8::1]:443|2001:db8::1",
                "10.0.0.1|2a02:26f0::1|2a02:26f0::1",
                "10.0.0.1|unknown, 10.0.0.3|10.0.0.3",
                "10.0.0.1|garbage|10.0.0.1",
                "10.0.0.1|10.0.0.9, 192.168.1.1|10.0.0.9",
                "10.0.0.1|-|10.0.0.1",
                "198.51.100.5|203.0.113.7|198.51.100.5",
                "::1|203.0.113.7|203.0.113.7",
            })
    void takesTheRightMostUntrustedHop(String direct, String xff, String expected) {
        byte[] header = xff.getBytes(StandardCharsets.US_ASCII);
        assertThat(ForwardedChain.origin(IpAddressParser.parse(direct), header, 0, header.length, trusted))
                .hasToString(expected);
    }
}
