package dev.logverdict.intel;

/**
 * Turns engine counts into a verdict. {@code malicious} when at least {@code maliciousEngines} engines say
 * malicious; {@code suspicious} when at least {@code suspiciousEngines} say malicious or suspicious;
 * {@code harmless} only when an engine says harmless and none says malicious or suspicious;
 * {@code unknown} otherwise.
 */
public record VerdictPolicy(int maliciousEngines, int suspiciousEngines) {

    public VerdictPolicy {
        if (maliciousEngines < 1 || suspiciousEngines < 1) {
            throw new IllegalArgumentException("verdict thresholds must be at least 1 engine");
        }
    }

    public Verdict verdictFor(Reputation reputation) {
        if (reputation.malicious() >= maliciousEngines) {
            return Verdict.MALICIOUS;
        }
        if (reputation.malicious() + reputation.suspicious() >= suspiciousEngines) {
            return Verdict.SUSPICIOUS;
        }
        if (reputation.harmless() > 0 && reputation.malicious() == 0 && reputation.suspicious() == 0) {
            return Verdict.HARMLESS;
        }
        return Verdict.UNKNOWN;
    }
}
