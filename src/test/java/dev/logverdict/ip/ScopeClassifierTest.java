package dev.logverdict.ip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "8.8.8.8, public",
        "1.1.1.1, public",
        "9.255.255.255, public",
        "11.0.0.0, public",
        "10.0.0.0, private",
        "10.255.255.255, private",
        "172.15.255.255, public",
        "172.16.0.0, private",
        "172.31.255.255, private",
        "172.32.0.0, public",
        "192.168.1.1, private",
        "100.63.255.255, public",
        "100.64.0.1, shared",
        "100.127.255.255, shared",
        "100.128.0.0, public",
        "127.0.0.1, loopback",
        "127.255.255.254, loopback",
        "169.254.169.254, link-local",
        "0.0.0.0, unspecified",
        "0.1.2.3, reserved",
        "192.0.0.1, reserved",
        "192.0.2.1, documentation",
        "198.51.100.200, documentation",
        "203.0.113.255, documentation",
        "198.18.0.1, benchmarking",
        "198.19.255.255, benchmarking",
        "198.20.0.0, public",
        "192.88.99.1, reserved",
        "224.0.0.1, multicast",
        "239.255.255.255, multicast",
        "240.0.0.1, reserved",
        "255.255.255.254, reserved",
        "255.255.255.255, broadcast",
        "223.255.255.255, public",
        "2a00:1450:4001:80b::200e, public",
        "2606:4700:4700::1111, public",
        "::, unspecified",
        "::1, loopback",
        "fe80::1, link-local",
        "febf:ffff::1, link-local",
        "fec0::1, reserved",
        "fc00::1, private",
        "fd12:3456:789a::1, private",
        "ff02::1, multicast",
        "2001:db8:85a3::8a2e:370:7334, documentation",
        "3fff:0fff::1, documentation",
        "3fff:1000::1, public",
        "2001::1, reserved",
        "2001:1ff:ffff::1, reserved",
        "2001:200::1, public",
        "2001:2::1, benchmarking",
        "2002:c000:0204::1, reserved",
        "64:ff9b::808:808, reserved",
        "100::1, reserved",
        "4000::1, reserved",
        "1fff:ffff::1, reserved",
        "::ffff:10.1.2.3, private",
        "::ffff:8.8.8.8, public",
    })
    void classifiesAgainstTheSpecialPurposeRegistries(String address, String scope) {
        assertThat(ScopeClassifier.classify(IpAddressParser.parse(address)).label())
                .isEqualTo(scope);
    }
}
