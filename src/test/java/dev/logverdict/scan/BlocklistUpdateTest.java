package dev.logverdict.scan;

import dev.logverdict.blocklist.IpSetSync;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rolling blocklist's run and the WAF IP sets it keeps, with the store in memory and WAF as a double. */
class BlocklistUpdateTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final String SET = "soc-block-v4|a1b2c3d4|REGIONAL";

    /** WAF holding one stale address. */
    private static final class RecordingWaf implements IpSetSync.IpSets {
        final List<List<String>> updates = new ArrayList<>();
        int gets;

        @Override
        public IpSetSync.Current get(IpSetSync.IpSetRef set) {
            gets++;
            return new IpSetSync.Current(List.of("45.155.205.10/32"), "tok");
        }

        @Override
        public void update(IpSetSync.IpSetRef set, List<String> addresses, String lockToken) {
            updates.add(addresses);
        }
    }

    private static void putFindings(InMemoryObjectStore store, String key, String... lines) throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        store.write("soc-logs", key, "application/gzip", out -> out.write(gzip.toByteArray()));
    }

    private static String finding(String ip, String verdict, String lastSeen) {
        return "{\"ip\":\"" + ip + "\",\"verdict\":\"" + verdict + "\",\"requests\":3,\"last_seen\":\"" + lastSeen
                + "\"}";
    }

    @Test
    void makesTheConfiguredWafIpSetHoldTheListOnceItIsPublished() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore(() -> NOW.minusSeconds(60));
        putFindings(
                store,
                "findings/dt=2026-12-05/web.log.jsonl.gz",
                finding("185.220.101.6", "malicious", "2026-12-05T10:00:00Z"),
                finding("185.220.101.7", "malicious", "2026-12-05T10:00:00Z"),
                finding("8.8.8.8", "harmless", "2026-12-05T10:00:00Z"));
        RecordingWaf waf = new RecordingWaf();
        BlocklistUpdate update = new BlocklistUpdate(
                store, waf, TestSettings.config("blocklist.waf-ipv4-ip-set=" + SET), Clock.fixed(NOW, ZoneOffset.UTC));

        BlocklistUpdate.Outcome outcome = update.update("soc-logs");

        assertThat(outcome.status()).isEqualTo("updated");
        assertThat(outcome.listed()).isEqualTo(2);
        assertThat(waf.updates).containsExactly(List.of("185.220.101.6/31"));
        assertThat(outcome.wafIpSets()).containsExactly(new IpSetSync.Result("soc-block-v4", "updated", 1, 1, 1));
        assertThat(new String(store.objects.get("soc-logs/blocklists/current-ipv4.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("185.220.101.6/31\n");
    }

    @Test
    void aRunThatCannotReadTheFindingsLeavesTheListsAndTheSetAlone() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore(() -> NOW.minusSeconds(60));
        store.write(
                "soc-logs",
                "findings/dt=2026-12-05/web.log.jsonl.gz",
                "application/gzip",
                out -> out.write("not gzip".getBytes(StandardCharsets.US_ASCII)));
        store.write(
                "soc-logs",
                "blocklists/current-ipv4.txt",
                "text/plain",
                out -> out.write("45.155.205.10/32\n".getBytes(StandardCharsets.US_ASCII)));
        RecordingWaf waf = new RecordingWaf();
        BlocklistUpdate update = new BlocklistUpdate(
                store, waf, TestSettings.config("blocklist.waf-ipv4-ip-set=" + SET), Clock.fixed(NOW, ZoneOffset.UTC));

        BlocklistUpdate.Outcome outcome = update.update("soc-logs");

        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(waf.gets).isZero();
        assertThat(waf.updates).isEmpty();
        assertThat(new String(store.objects.get("soc-logs/blocklists/current-ipv4.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("45.155.205.10/32\n");
    }

    @Test
    void aQuietRunRewritesNothingButStillChecksTheSet() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore(() -> NOW.minusSeconds(3600));
        putFindings(
                store,
                "findings/dt=2026-12-05/web.log.jsonl.gz",
                finding("185.220.101.7", "malicious", "2026-12-05T10:00:00Z"));
        RecordingWaf waf = new RecordingWaf();
        BlocklistUpdate update = new BlocklistUpdate(
                store, waf, TestSettings.config("blocklist.waf-ipv4-ip-set=" + SET), Clock.fixed(NOW, ZoneOffset.UTC));
        update.update("soc-logs");
        int writesAfterFirstRun = store.writes.size();

        BlocklistUpdate.Outcome quiet = update.update("soc-logs");

        assertThat(quiet.findingsObjectsRead())
                .as("only the last minute's objects, read again")
                .isLessThanOrEqualTo(1);
        assertThat(quiet.listed()).isEqualTo(1);
        assertThat(store.writes).hasSize(writesAfterFirstRun);
        assertThat(waf.gets)
                .as("the set is compared on every run, so a change made elsewhere is undone")
                .isEqualTo(2);
    }

    @Test
    void withoutFindingsTheListsAndTheSetsAreLeftAlone() {
        InMemoryObjectStore store = new InMemoryObjectStore(() -> NOW);
        RecordingWaf waf = new RecordingWaf();
        BlocklistUpdate update = new BlocklistUpdate(
                store,
                waf,
                TestSettings.config("outputs.findings=false", "blocklist.waf-ipv4-ip-set=" + SET),
                Clock.fixed(NOW, ZoneOffset.UTC));

        BlocklistUpdate.Outcome outcome = update.update("soc-logs");

        assertThat(outcome.status()).isEqualTo("no_findings");
        assertThat(store.writes).isEmpty();
        assertThat(waf.gets).isZero();
    }
}
