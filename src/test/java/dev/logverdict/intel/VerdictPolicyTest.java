package dev.logverdict.intel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictPolicyTest {

    private static Reputation stats(int malicious, int suspicious, int harmless, int undetected) {
        return new Reputation(malicious, suspicious, harmless, undetected, 0, 0, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "{0} malicious, {1} suspicious, {2} harmless, {3} undetected -> {4}")
    @CsvSource({
            "1, 0, 70, 20, MALICIOUS",
            "9, 3, 40, 20, MALICIOUS",
            "0, 1, 70, 20, SUSPICIOUS",
            "0, 0, 1, 90, HARMLESS",
            "0, 0, 0, 90, UNKNOWN",
            "0, 0, 0, 0, UNKNOWN",
    })
    void anyEngineTipsTheVerdictWithTheDefaultThresholds(int malicious, int suspicious, int harmless, int undetected,
                                                         Verdict expected) {
        assertThat(new VerdictPolicy(1, 1).verdictFor(stats(malicious, suspicious, harmless, undetected))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} malicious, {1} suspicious -> {2}")
    @CsvSource({
            "2, 0, MALICIOUS",
            "1, 0, UNKNOWN",
            "0, 1, UNKNOWN",
            "1, 1, SUSPICIOUS",
    })
    void higherThresholdsNeverCallAFlaggedIpHarmless(int malicious, int suspicious, Verdict expected) {
        assertThat(new VerdictPolicy(2, 2).verdictFor(stats(malicious, suspicious, 60, 10))).isEqualTo(expected);
    }
}
