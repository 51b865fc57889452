package dev.logverdict.intel.sources;

import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceRefreshTest {

    private static final String BUCKET = "soc-logs";
    private static final PublicSource DROP = new PublicSource("spamhaus", URI.create("https://www.spamhaus.org/drop/drop.txt"),
            Duration.ofHours(12));
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

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
    private final SourceRefresh refresh = new SourceRefresh(store, fetcher, BUCKET, "feeds/", "cache/virustotal/");

    private static byte[] dropList() throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/sources/drop.txt"));
    }

    private String stored() {
        byte[] body = store.objects.get(BUCKET + "/feeds/spamhaus.txt");
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aDueSourceIsFetchedCheckedAndStoredWhereScansLoadBlocklists() throws IOException {
        next = new SourceFetcher.Response(200, dropList(), "\"v1\"", "Fri, 04 Dec 2026 05:17:00 GMT");

        SourceRefresh.State state = refresh.refreshDue(List.of(DROP), START).get(0);

        assertThat(state.state()).isEqualTo("ok");
        assertThat(state.entries()).isEqualTo(7);
        assertThat(stored()).contains("185.220.100.0/22 ; SBL999999");
        assertThat(refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(11))).get(0).state()).isEqualTo("ok");
        assertThat(requests).as("not due again before its refresh").hasSize(1);

        next = new SourceFetcher.Response(304, new byte[0], null, null);
        SourceRefresh.State unchanged = refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(12))).get(0);
        assertThat(requests.get(1)).as("a conditional GET").endsWith("if-none-match=\"v1\"");
        assertThat(unchanged.state()).isEqualTo("ok");
        assertThat(unchanged.entries()).isEqualTo(7);
    }

    @Test
    void aListThatEmptiesOrHalvesIsNotTrustedAndThePreviousCopyStays() throws IOException {
        next = new SourceFetcher.Response(200, dropList(), null, null);
        refresh.refreshDue(List.of(DROP), START);
        String before = stored();

        next = new SourceFetcher.Response(200, "; Spamhaus DROP List\n1.10.16.0/20 ; SBL256894\n".getBytes(StandardCharsets.UTF_8), null, null);
        SourceRefresh.State shrunk = refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(13))).get(0);

        assertThat(shrunk.state()).isEqualTo("degraded");
        assertThat(shrunk.lastError()).contains("1 entries against 7");
        assertThat(stored()).isEqualTo(before);

        next = new SourceFetcher.Response(200, "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(26))).get(0).state()).isEqualTo("degraded");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void failuresKeepTheCopyAndRetryInAQuarterHourUntilItIsStale() throws IOException {
        next = new SourceFetcher.Response(200, dropList(), null, null);
        refresh.refreshDue(List.of(DROP), START);
        failure = new IOException("connection refused");

        SourceRefresh.State failed = refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(12))).get(0);
        assertThat(failed.state()).isEqualTo("ok");
        assertThat(failed.lastError()).contains("connection refused");
        assertThat(failed.nextAttempt()).isEqualTo(START.plus(Duration.ofHours(12)).plus(SourceRefresh.RETRY_AFTER_FAILURE).toString());
        refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(5)));
        assertThat(requests).as("no retry before a quarter of an hour").hasSize(2);

        SourceRefresh.State stale = refresh.refreshDue(List.of(DROP), START.plus(Duration.ofHours(37))).get(0);
        assertThat(stale.state()).isEqualTo("stale");
        assertThat(stored()).as("the last good copy still blocks").contains("SBL999999");
    }

    @Test
    void noSourceIsFetchedMoreOftenThanHourly() {
        assertThat(new PublicSource("tor", URI.create("https://example.org"), Duration.ofMinutes(5)).refresh())
                .isEqualTo(Duration.ofHours(1));
    }
}
