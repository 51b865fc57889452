package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.ip.TrustedProxies;
import dev.logverdict.log.activity.ClientActivity;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every supported format, from lines shaped like the real thing, through the scanner's detection. */
class LogFormatsTest {

    static final String ALB =
            "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 "
                    + "10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
                    + "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
                    + "\"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" "
                    + "\"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90";
    static final String ELB =
            "2015-05-13T23:39:43.945958Z my-loadbalancer 198.51.100.39:2817 10.0.0.1:80 0.000073 0.001048 "
                    + "0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -";
    static final String S3 = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be awsexamplebucket1 "
            + "[06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be "
            + "3E57427F3EXAMPLE REST.GET.VERSIONING - \"GET /awsexamplebucket1?versioning HTTP/1.1\" 200 - 113 - 7 - \"-\" "
            + "\"S3Console/0.4\" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 "
            + "ECDHE-RSA-AES128-GCM-SHA256 AuthHeader awsexamplebucket1.s3.us-west-1.amazonaws.com TLSV1.2 - -";
    static final String VHOST =
            "www.example.com:443 203.0.113.50 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512 "
                    + "\"-\" \"Mozilla/5.0\"";
    static final String VHOST_NO_PORT =
            "shop.example.com 2001:db8:aa::50 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" "
                    + "200 512 \"-\" \"Mozilla/5.0\"";
    static final String NGINX_JSON = "{\"time_local\":\"27/Nov/2026:10:00:00 +0000\",\"remote_addr\":\"10.0.0.5\","
            + "\"request\":\"GET /api/v1/items?id=7 HTTP/1.1\",\"status\":\"200\",\"body_bytes_sent\":\"512\",\"http_referer\":\"\","
            + "\"http_user_agent\":\"curl/8.0 \\\"q\\\"\",\"http_x_forwarded_for\":\"198.51.100.77, 10.0.0.9\"}";
    static final String CADDY_JSON = "{\"level\":\"info\",\"ts\":1732701600.123,\"logger\":\"http.log.access\","
            + "\"msg\":\"handled request\",\"request\":{\"remote_ip\":\"2001:db8:1::5\",\"remote_port\":\"51234\","
            + "\"client_ip\":\"2a02:26f0::1\",\"proto\":\"HTTP/2.0\",\"method\":\"GET\",\"host\":\"example.com\",\"uri\":\"/\","
            + "\"headers\":{\"User-Agent\":[\"curl/8.5.0\"]}},\"status\":200,\"size\":12}";

    private static String tabs(String spaced) {
        return spaced.replace(' ', '\t');
    }

    private static TrafficScan scan(String text, ScanOptions options) throws IOException {
        TrafficScan scan =
                new LogScanner(options).scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(scan.lines()).isEqualTo(scan.parsedLines() + scan.malformedLines());
        return scan;
    }

    private static TrafficScan scan(String text) throws IOException {
        return scan(text, TestSettings.scanOptions());
    }

    private static Map<String, Long> requests(TrafficScan scan) {
        return scan.clients().entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().toString(), e -> e.getValue().requests()));
    }

    private static ClientActivity activity(TrafficScan scan, String ip) {
        return scan.clients().get(IpAddressParser.parse(ip));
    }

    @Test
    void followsACloudFrontFieldsLineWithColumnsInAnotherOrder() throws IOException {
        String log = "#Version: 1.0\n#Fields: c-ip date time sc-status x-forwarded-for\n"
                + tabs("10.1.2.3 2024-05-01 08:00:00 200 203.0.113.200,10.1.2.4") + "\n";
        TrafficScan scan = scan(log);
        assertThat(scan.format()).isEqualTo(LogFormat.CLOUDFRONT);
        assertThat(requests(scan)).containsEntry("203.0.113.200", 1L).containsEntry("10.1.2.3", 0L);
    }

    @Test
    void readsBothVirtualHostVariants() throws IOException {
        TrafficScan scan = scan(VHOST + "\n" + VHOST + "\n" + VHOST_NO_PORT + "\n");
        assertThat(scan.malformedLines()).isZero();
        assertThat(scan.formats())
                .containsOnly(Map.entry(LogFormat.VHOST_COMBINED, 2L), Map.entry(LogFormat.VHOST_COMBINED_NO_PORT, 1L));
        assertThat(requests(scan)).containsOnly(Map.entry("203.0.113.50", 2L), Map.entry("2001:db8:aa::50", 1L));
    }

    @Test
    void readsNginxJsonLinesAndTakesTheOriginFromXForwardedFor() throws IOException {
        TrafficScan scan = scan(NGINX_JSON + "\n");
        assertThat(scan.format()).isEqualTo(LogFormat.JSON);
        ClientActivity origin = activity(scan, "198.51.100.77");
        assertThat(origin.requests()).isEqualTo(1);
        assertThat(origin.forwardedRequests()).isEqualTo(1);
        assertThat(origin.via()).containsOnlyKeys(IpAddressParser.parse("10.0.0.5"));
        assertThat(activity(scan, "10.0.0.5").relayedRequests()).isEqualTo(1);
        assertThat(activity(scan, "10.0.0.5").requests()).isZero();
    }

    @Test
    void readsNestedJsonFieldsAsCaddyWritesThem() throws IOException {
        TrafficScan scan = scan(CADDY_JSON + "\n");
        assertThat(requests(scan)).containsOnly(Map.entry("2a02:26f0::1", 1L));
        assertThat(Instant.ofEpochSecond(activity(scan, "2a02:26f0::1").firstSeen()))
                .isEqualTo(Instant.parse("2024-11-27T10:00:00Z"));
    }

    @Test
    void takesTheJsonClientFieldFromConfiguration() throws IOException {
        ScanOptions options = new ScanOptions(
                1 << 20,
                20,
                100,
                Optional.empty(),
                Optional.of("request.remote_ip"),
                TrustedProxies.of(List.of()),
                false,
                100,
                100,
                100,
                TestSettings.scanOptions().maxUncompressedBytes());
        assertThat(requests(scan(CADDY_JSON + "\n", options))).containsOnly(Map.entry("2001:db8:1::5", 1L));
    }

    @Test
    void reportsAJsonLineWithoutAClientFieldAsMalformed() throws IOException {
        TrafficScan scan = scan("{\"msg\":\"started\"}\n{\"remote_addr\":\"203.0.113.1\"\n");
        assertThat(scan.malformedLines()).isEqualTo(2);
        assertThat(scan.malformedSamples())
                .extracting(MalformedSample::reason)
                .containsExactly("no client address field (remote_addr, client_ip, clientip, c-ip…)", "invalid JSON");
        assertThat(requests(scan)).containsOnly(Map.entry("203.0.113.1", 1L));
    }

    @Test
    void followsAFormatChangeMidFileLineByLine() throws IOException {
        String combined = "198.51.100.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
        TrafficScan scan = scan(
                String.join("\n", combined, combined, ALB, ALB, ELB, S3, "garbage line", NGINX_JSON, combined) + "\n");
        assertThat(scan.formats())
                .containsOnly(
                        Map.entry(LogFormat.COMBINED, 3L),
                        Map.entry(LogFormat.ALB, 2L),
                        Map.entry(LogFormat.ELB, 1L),
                        Map.entry(LogFormat.S3_ACCESS, 1L),
                        Map.entry(LogFormat.JSON, 1L));
        assertThat(scan.format()).isEqualTo(LogFormat.COMBINED);
        assertThat(scan.malformedLines()).isEqualTo(1);
        assertThat(requests(scan))
                .containsEntry("198.51.100.1", 3L)
                .containsEntry("192.168.131.39", 2L)
                .containsEntry("198.51.100.39", 1L)
                .containsEntry("192.0.2.3", 1L)
                .containsEntry("198.51.100.77", 1L);
    }

    @Test
    void saysUnknownWhenAlmostNothingParses() throws IOException {
        StringBuilder log =
                new StringBuilder("198.51.100.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5\n");
        for (int i = 0; i < 20; i++) {
            log.append("Nov 27 10:00:0").append(i % 10).append(" host sshd[123]: Failed password for root\n");
        }
        TrafficScan scan = scan(log.toString());
        assertThat(scan.format()).isEqualTo(LogFormat.UNKNOWN);
        assertThat(scan.malformedLines()).isEqualTo(20);
    }

    @Test
    void aFixedFormatRejectsLinesOfOtherFormats() throws IOException {
        TrafficScan scan =
                scan(ALB + "\n" + ELB + "\n", TestSettings.scanOptions("log-format=" + LogFormat.ELB.label()));
        assertThat(scan.formats()).containsOnly(Map.entry(LogFormat.ELB, 1L));
        assertThat(scan.malformedLines()).isEqualTo(1);
    }

    @Test
    void believesXForwardedForOnlyFromTrustedProxies() throws IOException {
        String viaProxy =
                "10.0.0.2 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\" \"198.51.100.4, 10.0.0.1\"";
        String spoofed =
                "203.0.113.8 - - [27/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\" \"1.1.1.1\"";
        TrafficScan scan = scan(viaProxy + "\n" + spoofed + "\n");
        assertThat(requests(scan))
                .containsOnly(Map.entry("198.51.100.4", 1L), Map.entry("10.0.0.2", 0L), Map.entry("203.0.113.8", 1L));
        assertThat(activity(scan, "10.0.0.2").relayedRequests()).isEqualTo(1);
    }

    @Test
    void collectsAddressesFromRequestsAndReferrersButNeverFromUserAgents() throws IOException {
        String line =
                "198.51.100.1 - - [27/Nov/2026:10:00:00 +0000] \"GET /proxy?target=169.254.169.254&v=1.2.3 HTTP/1.1\" "
                        + "200 5 \"http://[2001:db8::99]/from\" \"Mozilla/5.0 Chrome/10.0.648.127 Version/4.3.2.1\"";
        TrafficScan withAll = scan(line + "\n", TestSettings.scanOptions("scan-all-fields=true"));
        assertThat(withAll.ipsElsewhere())
                .containsOnly(
                        Map.entry(IpAddressParser.parse("169.254.169.254"), 1L),
                        Map.entry(IpAddressParser.parse("2001:db8::99"), 1L));
        assertThat(withAll.clients()).containsOnlyKeys(IpAddressParser.parse("198.51.100.1"));
        assertThat(scan(line + "\n").ipsElsewhere()).isEmpty();
    }

    @Test
    void aHugeJsonLineOrDeepNestingIsMalformedNotFatal() throws IOException {
        String deep = "{\"remote_addr\":\"203.0.113.2\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        TrafficScan scan = scan(NGINX_JSON + "\n" + deep + "\n");
        assertThat(scan.lines()).isEqualTo(2);
        IpAddress second = IpAddressParser.parse("203.0.113.2");
        assertThat(scan.clients()).containsKey(second);
    }
}
