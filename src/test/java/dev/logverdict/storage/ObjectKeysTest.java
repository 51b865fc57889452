package dev.logverdict.storage;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private final ObjectKeys keys = new ObjectKeys("logs/", "reports/");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "logs/a/b.log|logs/a/b.log",
                "logs/edge+access%2B1.log|logs/edge access+1.log",
                "logs/caf%C3%A9.log|logs/café.log",
                "logs/100%25.log|logs/100%.log",
            })
    void decodesS3EventKeysAsFormUrlEncoding(String encoded, String decoded) {
        assertThat(ObjectKeys.decodeEventKey(encoded)).contains(decoded);
    }

    @Test
    void refusesKeysThatAreNotValidEncoding() {
        assertThat(ObjectKeys.decodeEventKey("logs/100%.log")).isEmpty();
        assertThat(ObjectKeys.decodeEventKey("logs/%zz.log")).isEmpty();
    }

    @Test
    void mapsAnInputKeyToItsReportKey() {
        assertThat(keys.reportKeyFor("soc-logs", "logs/a/b.log")).isEqualTo("reports/a/b.log.json");
        assertThat(keys.reportKeyFor("soc-logs", "logs/2026/11/27/access.log.gz"))
                .isEqualTo("reports/2026/11/27/access.log.gz.json");
    }

    @Test
    void ignoresReportsKeysOutsideTheInputPrefixAndFolderMarkers() {
        assertThat(keys.reasonToIgnore("logs/a.log")).isEmpty();
        assertThat(keys.reasonToIgnore("reports/a.log.json")).get().asString().contains("report prefix");
        assertThat(keys.reasonToIgnore("other/a.log")).get().asString().contains("outside the input prefix");
        assertThat(keys.reasonToIgnore("logs/2026/")).get().asString().contains("folder");
    }

    @Test
    void neverScansItsOwnReportsEvenWhenTheyLiveInsideTheInputPrefix() {
        ObjectKeys nested = new ObjectKeys("data/", "data/reports/");
        assertThat(nested.reasonToIgnore("data/reports/x.log.json")).isPresent();
        assertThat(nested.reasonToIgnore("data/x.log")).isEmpty();
    }

    @Test
    void noOutputSuffixEndsAnotherSoTwoInputsNeverShareAnOutput() {
        for (String one : ObjectKeys.OUTPUT_SUFFIXES) {
            for (String other : ObjectKeys.OUTPUT_SUFFIXES) {
                if (!one.equals(other)) {
                    assertThat(one).as(one + " ends " + other).doesNotEndWith(other);
                }
            }
        }
        // The pair that used to collide: the JSON report of "x.stix" and the STIX export of "x".
        assertThat(keys.reportKeyFor("b", "logs/x.stix")).isNotEqualTo(keys.outputKeyBaseFor("b", "logs/x") + ".stix");

        SplittableRandom random = new SplittableRandom(7);
        String[] parts = {"x", ".stix", ".json", ".html", ".waf-ipv4", ".txt", ".guardduty", "/", "a"};
        Map<String, String> owners = new HashMap<>();
        for (int run = 0; run < 5000; run++) {
            StringBuilder key = new StringBuilder("logs/");
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                key.append(parts[random.nextInt(parts.length)]);
            }
            String input = key.toString();
            for (String suffix : ObjectKeys.OUTPUT_SUFFIXES) {
                String output = keys.outputKeyBaseFor("b", input) + suffix;
                String owner = owners.putIfAbsent(output, input);
                assertThat(owner == null || owner.equals(input))
                        .as(output + " is written for " + owner + " and " + input)
                        .isTrue();
            }
        }
    }

    @Test
    void reportsOfSeveralInputBucketsInOneReportBucketKeepTheirBucketInTheKey() {
        ObjectKeys shared = new ObjectKeys("logs/", "reports/", true);

        assertThat(shared.reportKeyFor("web-eu", "logs/access.log")).isEqualTo("reports/web-eu/access.log.json");
        assertThat(shared.reportKeyFor("web-us", "logs/access.log")).isEqualTo("reports/web-us/access.log.json");
        assertThat(keys.reportKeyFor("web-eu", "logs/access.log"))
                .as("one bucket: the path as before")
                .isEqualTo("reports/access.log.json");
    }

    @Test
    void theFunctionsOwnPrefixesMayNotOverlapTheInputPrefix() {
        ObjectKeys.requireSeparate(
                "logs/", Map.of("logverdict.cache-prefix", "cache/", "logverdict.feeds-prefix", "feeds/"));
        Assertions.assertThatThrownBy(
                        () -> ObjectKeys.requireSeparate("logs/", Map.of("logverdict.cache-prefix", "logs/cache/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logverdict.cache-prefix='logs/cache/'");
        Assertions.assertThatThrownBy(() -> ObjectKeys.requireSeparate("", Map.of("logverdict.feeds-prefix", "feeds/")))
                .as("an empty input prefix takes in everything")
                .isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(
                        () -> ObjectKeys.requireSeparate("data/logs/", Map.of("logverdict.feeds-prefix", "data/")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
