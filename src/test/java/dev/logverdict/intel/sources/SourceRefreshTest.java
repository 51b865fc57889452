package dev.logverdict.intel.sources;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceRefreshTest {

    private static final String BUCKET = "soc-logs";
    private static final PublicSource DROP = TestSources.source("spamhaus");
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final String DATA_KEY = "cache/_sources/spamhaus.tsv";

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final List<String> requests = new ArrayList<>();
    private SourceFetcher.Response next;
    private IOException failure;

    private final SourceFetcher fetcher = (url, etag, lastModified) -> {
        requests.add(url + " if-none-match=" + etag);
        if (failure != null) {
            throw failure;
        }
        return next;
    };
    private final SourceRefresh refresh = new SourceRefresh(store, fetcher, BUCKET, "cache/");

    private SourceRefresh.State refreshAt(Instant now) {
        return refresh.refreshDue(List.of(DROP), now, () -> Duration.ofMinutes(1), Duration.ofSeconds(40))
                .get(0);
    }

    private String stored() {
        byte[] body = store.objects.get(BUCKET + "/" + DATA_KEY);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    private static SourceFetcher.Response ok(String body) {
        return new SourceFetcher.Response(200, body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    @Test
    void aDueSourceIsFetchedParsedAndStoredNormalisedWhereScansLoadIt() throws IOException {
        next = new SourceFetcher.Response(
                200, TestSources.body("drop_v4.json"), "\"v1\"", "Fri, 04 Dec 2026 05:17:00 GMT");

        SourceRefresh.State state = refreshAt(START);

        assertThat(state.state()).isEqualTo("ok");
        assertThat(state.kind()).isEqualTo("blocklist");
        assertThat(state.entries()).isEqualTo(7);
        assertThat(stored()).contains("1.10.16.0/20\tspamhaus");
        assertThat(Blocklist.readLabelled("spamhaus", new StringReader(stored()))
                        .entries())
                .hasSize(7);
        assertThat(refreshAt(START.plus(Duration.ofHours(11))).state()).isEqualTo("ok");
        assertThat(requests).as("not due again before its refresh").hasSize(1);
    }

    @Test
    void a304CostsNoParseAndNoWriteOfTheData() throws IOException {
        next = new SourceFetcher.Response(200, TestSources.body("drop_v4.json"), "\"v1\"", null);
        refreshAt(START);
        store.writes.clear();

        next = new SourceFetcher.Response(304, new byte[0], null, null);
        SourceRefresh.State unchanged = refreshAt(START.plus(Duration.ofHours(12)));

        assertThat(requests.get(1)).as("a conditional GET").endsWith("if-none-match=\"v1\"");
        assertThat(unchanged.state()).isEqualTo("ok");
        assertThat(unchanged.entries()).isEqualTo(7);
        assertThat(unchanged.fetchedAt())
                .as("the copy in use is still the first one")
                .isEqualTo(START.toString());
        assertThat(store.writes).as("only the index is written").containsOnly("cache/_sources/index.json");
    }

    @Test
    void anEmptyHalvedOrUnparsableDownloadIsNotAppliedAndTheSourceIsDegraded() throws IOException {
        next = new SourceFetcher.Response(200, TestSources.body("drop_v4.json"), null, null);
        refreshAt(START);
        String before = stored();
        Instant at = START;
        String metadata = "{\"type\":\"metadata\",\"timestamp\":1733289420,\"records\":1}\n";
        for (String body : List.of(
                "",
                "{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL256894\",\"rir\":\"apnic\"}\n" + metadata,
                "<html><body>maintenance</body></html>",
                metadata)) {
            at = at.plus(Duration.ofHours(13));
            next = ok(body);
            SourceRefresh.State state = refreshAt(at);
            assertThat(state.state()).as(body).isEqualTo("degraded");
            assertThat(state.lastError()).as(body).contains("the previous copy is kept");
            assertThat(state.entries()).isEqualTo(7);
            assertThat(stored()).as("the last good copy stays in use").isEqualTo(before);
        }
        next = ok("{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL1\",\"rir\":\"apnic\"}\n".repeat(1)
                + "{\"cidr\":\"2.56.192.0/22\",\"sblid\":\"SBL2\",\"rir\":\"ripencc\"}\n"
                + "{\"cidr\":\"5.42.92.0/24\",\"sblid\":\"SBL3\",\"rir\":\"ripencc\"}\n"
                + "{\"cidr\":\"45.135.232.0/24\",\"sblid\":\"SBL4\",\"rir\":\"ripencc\"}\n" + metadata);
        SourceRefresh.State shrunkALittle = refreshAt(at.plus(Duration.ofHours(13)));
        assertThat(shrunkALittle.state()).as("four of seven is not a halving").isEqualTo("ok");
        assertThat(shrunkALittle.entries()).isEqualTo(4);
    }

    @Test
    void failuresKeepTheCopyAndRetryInAQuarterHourUntilItIsStale() throws IOException {
        next = new SourceFetcher.Response(200, TestSources.body("drop_v4.json"), null, null);
        refreshAt(START);
        failure = new IOException("connection refused");

        SourceRefresh.State failed = refreshAt(START.plus(Duration.ofHours(12)));
        assertThat(failed.state()).isEqualTo("ok");
        assertThat(failed.lastError()).contains("connection refused");
        assertThat(failed.nextAttempt())
                .isEqualTo(START.plus(Duration.ofHours(12))
                        .plus(SourceRefresh.RETRY_AFTER_FAILURE)
                        .toString());
        refreshAt(START.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(5)));
        assertThat(requests).as("no retry before a quarter of an hour").hasSize(2);

        SourceRefresh.State stale = refreshAt(START.plus(Duration.ofHours(37)));
        assertThat(stale.state()).isEqualTo("stale");
        assertThat(stored()).as("the last good copy still blocks").contains("1.10.16.0/20");
    }

    @Test
    void noFetchStartsWhenTheRunCouldNotWaitForItsWorstCase() {
        next = new SourceFetcher.Response(200, TestSources.body("drop_v4.json"), null, null);
        SourceRefresh.State state = refresh.refreshDue(
                        List.of(DROP), START, () -> Duration.ofSeconds(30), Duration.ofSeconds(40))
                .get(0);
        assertThat(requests).isEmpty();
        assertThat(state.state()).isEqualTo("stale");
        assertThat(refreshAt(START).state())
                .as("the next run with time fetches it")
                .isEqualTo("ok");
    }

    @Test
    void aUserMaySetAShorterRefreshThanTheDefault() {
        next = new SourceFetcher.Response(200, TestSources.body("drop_v4.json"), null, null);
        PublicSource every5Minutes = new PublicSource(
                DROP.id(), DROP.kind(), DROP.format(), DROP.label(), DROP.url(), Duration.ofMinutes(5));
        refresh.refreshDue(List.of(every5Minutes), START, () -> Duration.ofMinutes(1), Duration.ofSeconds(40));
        refresh.refreshDue(
                List.of(every5Minutes),
                START.plus(Duration.ofMinutes(5)),
                () -> Duration.ofMinutes(1),
                Duration.ofSeconds(40));
        assertThat(requests).hasSize(2);
    }
}
