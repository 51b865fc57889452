package dev.logverdict.intel;

import dev.logverdict.support.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictPolicyTest {

    private static Reputation stats(int malicious, int suspicious, int harmless, int undetected, Integer reputation) {
        return new Reputation(
                malicious, suspicious, harmless, undetected, 0, reputation, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "{0} malicious, {1} suspicious, {2} harmless, {3} undetected, reputation {4} -> {5}")
    @CsvSource({
        "2, 0, 70, 20, 0, MALICIOUS",
        "9, 3, 40, 20, 10, MALICIOUS",
        "1, 0, 70, 20, -5, MALICIOUS",
        "1, 0, 70, 20, 0, SUSPICIOUS",
        "1, 0, 70, 20, , SUSPICIOUS",
        "0, 1, 70, 20, -50, SUSPICIOUS",
        "0, 0, 1, 90, 0, HARMLESS",
        "0, 0, 1, 90, -50, HARMLESS",
        "0, 0, 0, 90, 0, UNKNOWN",
        "0, 0, 0, 0, , UNKNOWN",
    })
    void appliesTheDefaultThresholds(
            int malicious, int suspicious, int harmless, int undetected, Integer reputation, Verdict expected) {
        assertThat(TestSettings.verdictPolicy()
                        .verdictFor(stats(malicious, suspicious, harmless, undetected, reputation)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} malicious, {1} suspicious -> {2}")
    @CsvSource({
        "1, 0, MALICIOUS",
        "0, 1, SUSPICIOUS",
        "0, 0, HARMLESS",
    })
    void aStricterPolicyCallsAnyFlagMalicious(int malicious, int suspicious, Verdict expected) {
        assertThat(new VerdictPolicy(1, 1, 1).verdictFor(stats(malicious, suspicious, 60, 10, 0)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} malicious, {1} suspicious -> {2}")
    @CsvSource({
        "1, 0, UNKNOWN",
        "0, 1, UNKNOWN",
        "1, 1, SUSPICIOUS",
        "3, 0, MALICIOUS",
    })
    void higherThresholdsNeverCallAFlaggedIpHarmless(int malicious, int suspicious, Verdict expected) {
        assertThat(new VerdictPolicy(3, 3, 2).verdictFor(stats(malicious, suspicious, 60, 10, 0)))
                .isEqualTo(expected);
    }
}
