package dev.logverdict.intel.sources;

import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scan sees of the stored sources: their states, the last good copy, and a warm container's reuse. */
class SourceStoreTest {

    private static final String BUCKET = "soc-logs";
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final PublicSource DROP = TestSources.source("spamhaus");
    private static final PublicSource ASN = TestSources.source("asn");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private SourceFetcher.Response next;
    private final SourceRefresh refresh = new SourceRefresh(store, (url, etag, lastModified) -> next, BUCKET, "cache/");
    private final SourceStore sources = new SourceStore(store, "cache/");

    private void refreshAt(Instant now, PublicSource source, byte[] body) {
        next = new SourceFetcher.Response(200, body, null, null);
        refresh.refreshDue(List.of(source), now, () -> Duration.ofMinutes(1), Duration.ofSeconds(40));
    }

    @Test
    void aDegradedSourceKeepsAnsweringFromItsLastGoodCopyAndTheScanSaysWhy() {
        refreshAt(START, DROP, TestSources.body("drop_v4.json"));
        refreshAt(START.plus(Duration.ofHours(13)), DROP, "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8));

        OfflineIntel intel = sources.load(BUCKET, List.of(DROP, ASN), List.of(), START.plus(Duration.ofHours(14)));

        assertThat(intel.blocklist(IpAddressParser.parse("1.10.16.5"))).contains("spamhaus");
        OfflineIntel.SourceStatus drop = intel.sources().get(0);
        assertThat(drop.state()).isEqualTo("degraded");
        assertThat(drop.reason()).contains("unparsable", "the previous copy is kept");
        assertThat(drop.entries()).isEqualTo(7);
        assertThat(intel.sources().get(1).state()).as("never fetched").isEqualTo("unavailable");
    }

    @Test
    void aCopyOlderThanThreeRefreshPeriodsIsStaleAtScanTimeEvenIfNoRunSaidSo() {
        refreshAt(START, DROP, TestSources.body("drop_v4.json"));

        OfflineIntel intel = sources.load(BUCKET, List.of(DROP), List.of(), START.plus(Duration.ofHours(37)));

        assertThat(intel.sources().get(0).state()).isEqualTo("stale");
        assertThat(intel.blocklist(IpAddressParser.parse("1.10.16.5")))
                .as("a stale list still applies")
                .contains("spamhaus");
    }

    @Test
    void aWarmContainerReadsOnlyTheIndexUntilASourceChanges() {
        refreshAt(START, ASN, TestSources.body("ip2asn-combined.tsv.gz"));
        sources.load(BUCKET, List.of(ASN), List.of(), START);
        store.reads.clear();

        OfflineIntel warm = sources.load(BUCKET, List.of(ASN), List.of(), START.plusSeconds(60));
        assertThat(store.reads).containsExactly("cache/_sources/index.json");
        assertThat(warm.network(IpAddressParser.parse("66.249.66.1"))
                        .orElseThrow()
                        .asn())
                .isEqualTo(15169);

        refreshAt(START.plus(Duration.ofHours(25)), ASN, TestSources.body("ip2asn-combined.tsv.gz"));
        store.reads.clear();
        sources.load(BUCKET, List.of(ASN), List.of(), START.plus(Duration.ofHours(25)));
        assertThat(store.reads).containsExactly("cache/_sources/index.json", "cache/_sources/asn.bin.gz");
    }
}
