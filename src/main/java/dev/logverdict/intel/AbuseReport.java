package dev.logverdict.intel;

import java.time.Instant;

/**
 * What AbuseIPDB's check says about an IP, kept raw like VirusTotal's counts so the policy applies at
 * report time.
 *
 * @param abuseConfidenceScore 0–100: how sure AbuseIPDB's users are that the address is abusive
 * @param whitelisted          AbuseIPDB vouches for the address (well-known infrastructure); null when unsaid
 * @param lastReportedAt       the latest report, or null when there is none
 */
public record AbuseReport(
        int abuseConfidenceScore,
        int totalReports,
        int numDistinctUsers,
        Boolean whitelisted,
        String usageType,
        String isp,
        String domain,
        String countryCode,
        Boolean tor,
        Instant lastReportedAt) {

    public boolean isWhitelisted() {
        return Boolean.TRUE.equals(whitelisted);
    }
}
