package dev.logverdict.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private final ObjectKeys keys = new ObjectKeys("logs/", "reports/");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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
        assertThat(keys.reportKeyFor("logs/a/b.log")).isEqualTo("reports/a/b.log.json");
        assertThat(keys.reportKeyFor("logs/2026/11/27/access.log.gz")).isEqualTo("reports/2026/11/27/access.log.gz.json");
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
}
