package dev.logverdict.blocklist;

import dev.logverdict.blocklist.RollingBlocklist.Sighting;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RollingBlocklistTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static Sighting malicious(String ip, Instant seen) {
        return new Sighting(ip, "malicious", null, seen, 10, 3);
    }

    @Test
    void listsOnlyMaliciousPublicAddressesOutsideCdnEdgesAndCrawlerRanges() {
        RollingBlocklist list = new RollingBlocklist();

        assertThat(list.add(malicious("185.220.101.7", NOW))).isTrue();
        assertThat(list.add(new Sighting("185.220.101.8", "suspicious", null, NOW, 10, 1)))
                .isFalse();
        assertThat(list.add(new Sighting("185.220.101.9", "harmless", null, NOW, 10, 0)))
                .isFalse();
        assertThat(list.add(malicious("10.1.2.3", NOW))).as("private").isFalse();
        assertThat(list.add(malicious("192.0.2.1", NOW)))
                .as("documentation range")
                .isFalse();
        assertThat(list.add(malicious("not an address", NOW))).isFalse();
        assertThat(list.add(new Sighting("13.32.1.1", "malicious", "cdn", NOW, 10, 3)))
                .as("CDN edge")
                .isFalse();
        assertThat(list.add(new Sighting("66.249.66.1", "malicious", "verified_crawler", NOW, 10, 3)))
                .as("verified crawler")
                .isFalse();

        assertThat(list.stored()).containsOnlyKeys("185.220.101.7");
    }

    @Test
    void anAddressExpiresAWindowAfterItWasLastSeenUnlessSeenAgain() {
        Duration window = Duration.ofDays(7);
        RollingBlocklist list = new RollingBlocklist();
        list.add(malicious("185.220.101.7", NOW.minus(Duration.ofDays(8))));
        list.add(malicious("185.220.101.8", NOW.minus(Duration.ofDays(8))));
        list.add(malicious("185.220.101.8", NOW.minus(Duration.ofDays(1))));

        int expired = list.expireBefore(NOW.minus(window));

        assertThat(expired).isEqualTo(1);
        assertThat(list.stored()).containsOnlyKeys("185.220.101.8");
        assertThat(list.stored().get("185.220.101.8").lastSeen())
                .isEqualTo(NOW.minus(Duration.ofDays(1)).toString());
    }

    @Test
    void readingTheSameFindingsAgainChangesNothing() {
        RollingBlocklist once = new RollingBlocklist();
        once.add(malicious("185.220.101.7", NOW));
        RollingBlocklist twice = RollingBlocklist.of(once.stored());
        twice.add(malicious("185.220.101.7", NOW));

        assertThat(twice.stored()).isEqualTo(once.stored());
    }

    @Test
    void mergesAdjacentAddressesIntoCoveringCidrsPerFamilyAndListsEveryAddressForGuardDuty() {
        RollingBlocklist list = new RollingBlocklist();
        list.add(malicious("185.220.101.6", NOW));
        list.add(malicious("185.220.101.7", NOW));
        list.add(malicious("2a0b:4340:1::66", NOW));

        RollingBlocklist.Lists lists = list.lists(10_000);

        assertThat(lists.ipv4().cidrs()).containsExactly("185.220.101.6/31");
        assertThat(lists.ipv6().cidrs()).containsExactly("2a0b:4340:1::66/128");
        assertThat(new String(lists.guardDuty(), StandardCharsets.US_ASCII))
                .isEqualTo("185.220.101.6\n185.220.101.7\n2a0b:4340:1::66\n");
        assertThat(lists.addresses()).isEqualTo(3);
    }

    @Test
    void aFullListLeavesOutTheLowestRiskAndSaysHowMany() {
        RollingBlocklist list = new RollingBlocklist();
        list.add(new Sighting("91.92.99.200", "malicious", null, NOW, 5, 1));
        list.add(new Sighting("45.155.205.10", "malicious", null, NOW, 1, 9));
        list.add(new Sighting("185.220.101.1", "malicious", null, NOW, 500, 2));

        RollingBlocklist.Lists lists = list.lists(2);

        assertThat(lists.ipv4().cidrs()).containsExactly("45.155.205.10/32", "185.220.101.1/32");
        assertThat(lists.ipv4().omittedAddresses()).isEqualTo(1);
    }
}
