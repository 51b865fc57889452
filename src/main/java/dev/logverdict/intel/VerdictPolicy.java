package dev.logverdict.intel;

/**
 * Turns engine counts into a verdict (defaults in parentheses): {@code malicious} when at least
 * {@code maliciousEngines} (2) engines say malicious, or at least {@code maliciousEnginesWithBadReputation}
 * (1) do and the community reputation is negative; {@code suspicious} when at least
 * {@code suspiciousEngines} (1) say malicious or suspicious; {@code harmless} only when an engine says
 * harmless and none says malicious or suspicious; {@code unknown} otherwise.
 */
public record VerdictPolicy(int maliciousEngines, int maliciousEnginesWithBadReputation, int suspiciousEngines)
        implements ProviderPolicy {

    public VerdictPolicy {
        if (maliciousEngines < 1 || maliciousEnginesWithBadReputation < 1 || suspiciousEngines < 1) {
            throw new IllegalArgumentException("verdict thresholds must be at least 1 engine");
        }
    }

    @Override
    public Verdict verdictFor(Reputation reputation) {
        int malicious = reputation.malicious();
        boolean badReputation = reputation.reputation() != null && reputation.reputation() < 0;
        if (malicious >= maliciousEngines || (badReputation && malicious >= maliciousEnginesWithBadReputation)) {
            return Verdict.MALICIOUS;
        }
        if (malicious + reputation.suspicious() >= suspiciousEngines) {
            return Verdict.SUSPICIOUS;
        }
        if (reputation.harmless() > 0 && malicious == 0 && reputation.suspicious() == 0) {
            return Verdict.HARMLESS;
        }
        return Verdict.UNKNOWN;
    }
}
