package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML page as an analyst's browser shows it: rendered by headless Chromium from a hostile log, with
 * a screenshot in target/html-report/ and assertions on the rendered rows. It runs where a Chromium is
 * found ({@link BrowserLocator}); elsewhere it is skipped with the reason printed, unless
 * {@code -Dbrowser.required=true} (set by {@code .ci/run}) turns a missing browser into a failure.
 */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class HtmlReportBrowserTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    private static final String BAD = "185.220.101.44";
    private static final String SCRIPT_AGENT = "<script>document.body.setAttribute('data-pwned','1')</script>";
    private static final String TAG_PATH = "/\"><img src=x onerror=alert(1)>";
    /** Apache writes a quote inside the request as \", and the report keeps the line as written. */
    private static final String LOGGED_TAG_PATH = TAG_PATH.replace("\"", "\\\"");

    private static final Path OUT = Path.of("target", "html-report");

    @Inject
    S3Client s3;

    private ScanClient client;
    private Path chromium;

    @BeforeEach
    void blocklist() {
        chromium = BrowserLocator.chromiumOrSkip();
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        client = new ScanClient(s3, BUCKET);
        client.put("feeds/abuse.txt", BAD + "\n");
    }

    @Test
    void rendersRankedRowsChartsAndGapsWithAttackerTextInert() throws Exception {
        String log = String.join(
                "",
                List.of(
                        line(BAD, "10:00:01", "/.env", SCRIPT_AGENT),
                        line(BAD, "10:30:00", "/wp-login.php", SCRIPT_AGENT),
                        line(BAD, "12:00:00", TAG_PATH, "sqlmap/1.7"),
                        line("8.8.8.8", "10:00:02", "/", "Mozilla/5.0"),
                        line("2001:4860:4860::8888", "11:00:00", "/index.html", "curl/8.0"),
                        line("10.0.0.5", "11:00:00", "/health", "kube-probe/1.29"),
                        "this line \u001b[31mis\u001b[0m not a log line </td></tr></table><script>x</script>\n"));
        JsonNode report = client.scan("browser/web </title> log.log", log);
        String htmlKey = "reports/browser/web </title> log.log.html";
        assertThat(report.findValuesAsText("key")).contains(htmlKey);

        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html");
        Files.write(
                page, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(htmlKey)).asByteArray());
        String contentType = s3.headObject(b -> b.bucket(BUCKET).key(htmlKey)).contentType();
        assertThat(contentType).startsWith("text/html");

        Document dom = Jsoup.parse(chromium("--dump-dom", page.toUri().toString()));

        assertThat(dom.select("script"))
                .as("no script element, injected or ours")
                .isEmpty();
        assertThat(dom.select("img, [onerror]")).isEmpty();
        assertThat(dom.body().hasAttr("data-pwned")).isFalse();
        assertThat(dom.title()).isEqualTo("logverdict: logs/browser/web </title> log.log");

        Elements rows = dom.select("#ips tbody tr");
        assertThat(rows).hasSize(4);
        Element first = rows.get(0);
        assertThat(cell(first, 1)).isEqualTo(BAD);
        assertThat(first.selectFirst("a").attr("href")).isEqualTo("https://www.virustotal.com/gui/ip-address/" + BAD);
        assertThat(first.select(".verdict").hasClass("v-malicious")).isTrue();
        assertThat(cell(first, 5)).isEqualTo("feed: abuse");
        assertThat(cell(first, 4)).as("no AbuseIPDB answer without its key").isEmpty();
        assertThat(cell(first, 6)).isEqualTo("3");
        assertThat(cell(first, 8)).contains("scannerUserAgent ×1").contains("sensitiveFileProbe");
        assertThat(first.select("td").get(9).select("div").eachText())
                .hasSize(3)
                .contains(LOGGED_TAG_PATH + " (1)");
        assertThat(first.select("td").get(10).select("div").eachText())
                .containsExactly(SCRIPT_AGENT + " (2)", "sqlmap/1.7 (1)");
        String everything = dom.text();
        assertThat(everything).contains(SCRIPT_AGENT).contains(LOGGED_TAG_PATH);
        assertThat(cell(rows.get(3), 1)).isEqualTo("10.0.0.5");
        assertThat(rows.get(3).selectFirst("a"))
                .as("no VirusTotal link for a private address")
                .isNull();

        assertThat(dom.select("#charts figure")).hasSize(1);
        assertThat(dom.selectFirst("#charts polyline").attr("points").split(" "))
                .hasSize(3);
        assertThat(dom.select("#not-checked tbody tr")).isNotEmpty();
        assertThat(dom.selectFirst("#not-checked tbody tr").text()).contains("2");
        assertThat(dom.selectFirst("#coverage").text()).contains("1 private or special-purpose");
        assertThat(dom.select("#malformed tbody tr")).hasSize(1);
        assertThat(dom.select(".card .value").eachText()).startsWith("1", "0", "3");
        assertThat(dom.select("main > p code").text()).isEqualTo("reports/browser/web </title> log.log.json");

        Path screenshot = OUT.resolve("report.png");
        Files.deleteIfExists(screenshot);
        chromium(
                "--screenshot=" + screenshot.toAbsolutePath(),
                "--window-size=1400,1400",
                page.toUri().toString());
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static String cell(Element row, int index) {
        return row.select("td").get(index).text();
    }

    private static String line(String ip, String time, String path, String agent) {
        return ip + " - - [27/Nov/2026:" + time + " +0000] \"GET " + path.replace("\"", "\\\"")
                + " HTTP/1.1\" 404 153 \"-\" \"" + agent.replace("\"", "\\\"") + "\"\n";
    }

    /** Headless Chromium as this machine allows it: no sandbox as root, no background network. */
    private String chromium(String... arguments) throws IOException, InterruptedException {
        String binary = chromium.toString();
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectError(OUT.resolve("chromium.log").toFile())
                .start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        assertThat(process.exitValue())
                .as("chromium exit code; see target/html-report/chromium.log")
                .isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
