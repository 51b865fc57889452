package dev.logverdict.report.export;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WafIpSetTest {

    private static List<IpAddress> ips(String... texts) {
        List<IpAddress> ips = new ArrayList<>();
        for (String text : texts) {
            ips.add(IpAddressParser.parse(text));
        }
        return ips;
    }

    @Test
    void adjacentAddressesMergeOnlyIntoCidrsThatCoverExactlyThem() {
        assertThat(WafIpSet.exactCover(ips("203.0.113.3", "203.0.113.0", "203.0.113.2", "203.0.113.1", "203.0.113.5")))
                .containsExactly("203.0.113.0/30", "203.0.113.5/32");
        assertThat(WafIpSet.exactCover(ips("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4")))
                .as("1..4 is not one aligned block")
                .containsExactly("198.51.100.1/32", "198.51.100.2/31", "198.51.100.4/32");
        assertThat(WafIpSet.exactCover(ips("2001:db8::", "2001:db8::1", "2001:db8::1", "2a0b:4340:1::66")))
                .containsExactly("2001:db8::/127", "2a0b:4340:1::66/128");
        assertThat(WafIpSet.exactCover(ips("255.255.255.254", "255.255.255.255")))
                .containsExactly("255.255.255.254/31");
        assertThat(WafIpSet.exactCover(List.of())).isEmpty();
    }

    @Test
    void withinTheLimitEveryAddressIsKept() {
        WafIpSet set = WafIpSet.of(ips("192.0.2.9", "203.0.113.0", "203.0.113.1"), 2);

        assertThat(set.cidrs()).containsExactly("192.0.2.9/32", "203.0.113.0/31");
        assertThat(set.addresses()).isEqualTo(3);
        assertThat(set.omittedAddresses()).isZero();
        assertThat(new String(set.text())).isEqualTo("192.0.2.9/32\n203.0.113.0/31\n");
    }

    @Test
    void overTheLimitTheLowestRiskAddressesAreLeftOut() {
        List<IpAddress> byRisk = ips("198.51.100.77", "192.0.2.50", "203.0.113.10", "203.0.113.200", "192.0.2.1");

        WafIpSet set = WafIpSet.of(byRisk, 3);

        assertThat(set.cidrs()).containsExactly("192.0.2.50/32", "198.51.100.77/32", "203.0.113.10/32");
        assertThat(set.addresses()).isEqualTo(3);
        assertThat(set.omittedAddresses()).isEqualTo(2);
    }

    @Test
    void mergingLetsMoreAddressesThanEntriesInAndTheCapHoldsAtWafScale() {
        List<IpAddress> byRisk = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            // Pairs of neighbours (x.x.x.4k, x.x.x.4k+1), a gap between pairs, so each pair is exactly one /31.
            int pair = i / 2;
            byRisk.add(IpAddress.ofV4((203 << 24) | ((pair / 50) << 8) | ((pair % 50) * 4 + i % 2)));
        }
        for (int i = 0; i < 9_000; i++) {
            byRisk.add(IpAddress.ofV4((100 << 24) | (i << 4)));
        }

        WafIpSet set = WafIpSet.of(byRisk, WafIpSet.MAX_ENTRIES);

        assertThat(set.cidrs()).hasSizeLessThanOrEqualTo(WafIpSet.MAX_ENTRIES);
        assertThat(set.addresses())
                .as("all 12,000 paired addresses fit as 6,000 /31s, then scattered ones")
                .isEqualTo(12_000 + 4_000);
        assertThat(set.omittedAddresses()).isEqualTo(5_000);
        assertThat(set.cidrs()).contains("203.0.0.0/31", "100.0.0.0/32").doesNotContain("100.0.250.0/32");
    }

    @Test
    void aSetWithoutRoomIsRefused() {
        assertThatThrownBy(() -> WafIpSet.of(ips("192.0.2.1"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
