package dev.logverdict.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressParserTest {

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0.0.0.0",
        "1.2.3.4, 1.2.3.4",
        "255.255.255.255, 255.255.255.255",
        "192.168.0.1, 192.168.0.1",
    })
    void acceptsDottedQuads(String text, String canonical) {
        IpAddress address = IpAddressParser.parse(text);
        assertThat(address).isNotNull();
        assertThat(address.version()).isEqualTo(4);
        assertThat(address.toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.1.1.1",
                "999.1.1.1",
                "1.2.3.256",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                ".1.2.3",
                "1.2.3.",
                "01.2.3.4",
                "1.2.3.04",
                "00.0.0.0",
                "1.2.3.4 ",
                " 1.2.3.4",
                "1.2.3.-4",
                "+1.2.3.4",
                "1.2.3.4a",
                "1234.1.1.1",
                "0x7f.0.0.1",
                "127.1",
                "2130706433",
                "",
                "-",
                "localhost",
                "10.0.0.0/8",
                "1,2,3,4"
            })
    void rejectsAnythingThatIsNotAStrictDottedQuad(String text) {
        assertThat(IpAddressParser.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "::, ::",
        "::1, ::1",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8::1:0:0:1, 2001:db8::1:0:0:1",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "fe80::, fe80::",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "::1.2.3.4, ::102:304",
    })
    void acceptsIpv6AndPrintsItInRfc5952Form(String text, String canonical) {
        IpAddress address = IpAddressParser.parse(text);
        assertThat(address).isNotNull();
        assertThat(address.version()).isEqualTo(6);
        assertThat(address.toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
        "::ffff:1.2.3.4, 1.2.3.4",
        "::FFFF:8.8.8.8, 8.8.8.8",
        "::ffff:0102:0304, 1.2.3.4",
        "0:0:0:0:0:ffff:c0a8:0101, 192.168.1.1",
    })
    void normalisesIpv4MappedAddressesToIpv4(String text, String ipv4) {
        IpAddress address = IpAddressParser.parse(text);
        assertThat(address).isEqualTo(IpAddressParser.parse(ipv4));
        assertThat(address.version()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ":::",
                "1:::2",
                "1::2::3",
                ":1::2",
                "1::2:",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "12345::1",
                "g::1",
                "1:2:3:4:5:6:7:8::",
                "::1:2:3:4:5:6:7:8",
                "1:2:3:4::5:6:7:8",
                "::ffff:256.1.1.1",
                "::1.2.3",
                "1.2.3.4::",
                "::ffff:1.2.3.4:5",
                "2001:db8::1 ",
                "[2001:db8::1]",
                "fe80::1%eth0",
                ":",
                "::-1"
            })
    void rejectsMalformedIpv6Literals(String text) {
        assertThat(IpAddressParser.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "[2001:db8::1], 2001:db8::1",
        "fe80::1%eth0, fe80::1",
        "[fe80::1%25], fe80::1",
        "203.0.113.7, 203.0.113.7",
    })
    void clientFieldAcceptsBracketsAndZones(String text, String canonical) {
        assertThat(IpAddressParser.parseClientField(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"[1.2.3.4", "2001:db8::1]", "1.2.3.4%eth0", "fe80::1%", "fe80::1%e th0", "[]", "fe80::1%<script>"
            })
    void clientFieldRejectsBrokenBracketsAndZones(String text) {
        assertThat(IpAddressParser.parseClientField(text)).isNull();
    }

    @Test
    void rejectsGarbageBytesWithoutThrowing() {
        byte[][] garbage = {
            {0x16, 0x03, 0x01, 0x02, 0x00},
            "1.2.3.\u00e9".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xff, (byte) 0xfe, '1', '.', '2'},
            {'1', '.', '2', '.', '3', '.', '4', 0},
            new byte[0],
        };
        for (byte[] bytes : garbage) {
            assertThat(IpAddressParser.parse(bytes, 0, bytes.length)).isNull();
            assertThat(IpAddressParser.parseClientField(bytes, 0, bytes.length)).isNull();
        }
    }

    @Test
    void parsesAFieldInsideALargerBufferWithoutLookingOutsideIt() {
        byte[] line = "9.9.9.9 - - [x]".getBytes(StandardCharsets.US_ASCII);
        assertThat(IpAddressParser.parse(line, 0, 7)).hasToString("9.9.9.9");
        assertThat(IpAddressParser.parse(line, 0, 5)).isNull();
    }

    @Test
    void bytesAreInNetworkOrder() {
        assertThat(IpAddressParser.parse("1.2.3.4").toBytes()).containsExactly(1, 2, 3, 4);
        assertThat(IpAddressParser.parse("2001:db8::ff").toBytes())
                .containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff);
    }
}
