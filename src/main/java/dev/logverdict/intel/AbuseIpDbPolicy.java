package dev.logverdict.intel;

/**
 * AbuseIPDB's answer as a verdict (defaults in parentheses): {@code harmless} when AbuseIPDB whitelists the
 * address; {@code malicious} at an abuseConfidenceScore of {@code maliciousScore} (75) or more;
 * {@code suspicious} from {@code suspiciousScore} (25); {@code unknown} below that — AbuseIPDB never
 * vouches for an address it has no reports on, so a low score is no clean bill.
 */
public record AbuseIpDbPolicy(int maliciousScore, int suspiciousScore) implements ProviderPolicy {

    public AbuseIpDbPolicy {
        if (suspiciousScore < 1 || maliciousScore < suspiciousScore || maliciousScore > 100) {
            throw new IllegalArgumentException("AbuseIPDB scores: 1 <= suspicious-score <= malicious-score <= 100");
        }
    }

    @Override
    public Verdict verdictFor(Reputation reputation) {
        AbuseReport abuse = reputation.abuse();
        if (abuse == null) {
            return Verdict.UNKNOWN;
        }
        if (abuse.isWhitelisted()) {
            return Verdict.HARMLESS;
        }
        if (abuse.abuseConfidenceScore() >= maliciousScore) {
            return Verdict.MALICIOUS;
        }
        return abuse.abuseConfidenceScore() >= suspiciousScore ? Verdict.SUSPICIOUS : Verdict.UNKNOWN;
    }
}
