package dev.logverdict.intel.feeds;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FeedIndexTest {

    private static Blocklist list(String name, String... lines) throws IOException {
        return Blocklist.parse(name, new StringReader(String.join("\n", lines)));
    }

    private static Optional<String> match(FeedIndex index, String ip) {
        return index.match(IpAddressParser.parse(ip));
    }

    @Test
    void readsFireholAndSpamhausStyleListsWithComments() throws IOException {
        Blocklist list = list(
                "firehol_level1",
                "#",
                "# firehol_level1",
                "# Maintainer: FireHOL",
                "",
                "0.0.0.0/8",
                "1.10.16.0/20",
                "5.188.10.0/23 ; SBL402741",
                "10.0.0.0/8",
                "100.64.0.0/10",
                "127.0.0.0/8",
                "169.254.0.0/16",
                "172.16.0.0/12",
                "192.0.2.0/24",
                "192.168.0.0/16",
                "224.0.0.0/3",
                "45.155.205.233",
                "not-an-ip",
                "300.1.1.0/24",
                "1.2.3.4/33",
                "1.2.3.4/24",
                "2a0b:4340::/32 # bad v6 net",
                "fe80::/10",
                "::/0");
        assertThat(list.entries())
                .extracting(e -> e.block().toString())
                .containsExactly("1.10.16.0/20", "5.188.10.0/23", "45.155.205.233/32", "2a0b:4340::/32");
        assertThat(list.ignoredSpecialPurpose())
                .as("bogons, private, multicast, ::/0")
                .isEqualTo(11);
        assertThat(list.ignoredInvalid())
                .as("text, bad octet, bad length, host bits")
                .isEqualTo(4);
    }

    @Test
    void ignoresEntriesThatMerelyContainASpecialPurposeBlock() throws IOException {
        Blocklist list = list("broad", "192.0.0.0/8", "0.0.0.0/0", "198.0.0.0/8", "2000::/3", "2001:db8::/32");
        assertThat(list.entries()).isEmpty();
        assertThat(list.ignoredSpecialPurpose()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.10.16.0, firehol",
        "1.10.31.255, firehol",
        "1.10.32.0, ",
        "1.10.15.255, ",
        "45.155.205.233, spamhaus",
        "45.155.205.232, ",
        "45.155.205.234, ",
        "2a0b:4340::1, firehol",
        "2a0b:4340:ffff:ffff:ffff:ffff:ffff:ffff, firehol",
        "2a0b:4341::, ",
        "2a0b:433f:ffff:ffff:ffff:ffff:ffff:ffff, ",
        "2606:4700::6810:84e5, single",
        "2606:4700::6810:84e6, ",
        "5.188.10.7, spamhaus",
        "5.188.11.255, spamhaus",
        "5.188.12.0, firehol",
        "5.188.9.255, firehol",
        "5.188.31.255, firehol",
        "5.188.32.0, ",
        "8.8.8.8, ",
    })
    void matchesByBinarySearchAcrossOverlappingLists(String ip, String feed) throws IOException {
        FeedIndex index = new FeedIndex(List.of(
                list("spamhaus", "45.155.205.233/32", "5.188.10.0/23"),
                list("firehol", "1.10.16.0/20", "2a0b:4340::/32", "5.188.0.0/19", "45.155.205.233"),
                list("single", "2606:4700::6810:84e5/128")));
        assertThat(match(index, ip)).isEqualTo(Optional.ofNullable(feed));
    }

    @Test
    void anEarlierListNamesAddressesItSharesWithALaterBroaderOne() throws IOException {
        FeedIndex index = new FeedIndex(List.of(list("narrow", "5.188.10.0/24"), list("wide", "5.188.0.0/16")));
        assertThat(match(index, "5.188.10.1")).contains("narrow");
        assertThat(match(index, "5.188.9.1")).contains("wide");
        assertThat(match(index, "5.188.11.1")).contains("wide");
        assertThat(match(index, "5.188.255.255")).contains("wide");
        assertThat(match(index, "5.189.0.0")).isEmpty();
    }

    @Test
    void agreesWithALinearScanOnRandomLists() throws IOException {
        Random random = new Random(7);
        List<String> firstLines = new ArrayList<>();
        List<String> secondLines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int prefix = 12 + random.nextInt(21);
            long address = (random.nextInt(200) + 1L) << 24 | random.nextInt(1 << 24);
            long network = address & (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            String cidr = ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                    + (network & 255) + "/" + prefix;
            (i % 2 == 0 ? firstLines : secondLines).add(cidr);
        }
        Blocklist first = list("first", firstLines.toArray(String[]::new));
        Blocklist second = list("second", secondLines.toArray(String[]::new));
        FeedIndex index = new FeedIndex(List.of(first, second));
        for (int i = 0; i < 20_000; i++) {
            long address = (random.nextInt(200) + 1L) << 24 | random.nextInt(1 << 24);
            var ip = IpAddress.ofV4((int) address);
            Optional<String> expected = first.entries().stream()
                    .filter(e -> e.block().contains(ip))
                    .findFirst()
                    .map(FeedEntry::feed)
                    .or(() -> second.entries().stream()
                            .filter(e -> e.block().contains(ip))
                            .findFirst()
                            .map(FeedEntry::feed));
            assertThat(index.match(ip)).as(ip.toString()).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyIndexMatchesNothing() {
        assertThat(FeedIndex.empty().match(IpAddressParser.parse("1.2.3.4"))).isEmpty();
        assertThat(FeedIndex.empty().isEmpty()).isTrue();
    }
}
