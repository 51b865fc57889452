package dev.logverdict.intel;

import java.time.Instant;
import java.util.List;

/**
 * What a reputation service knows about an IP, kept raw so the verdict policy is applied at report time.
 * Engine counts are from VirusTotal's last analysis; {@code abuse} is AbuseIPDB's answer; the other fields
 * may be null when the service has none.
 */
public record Reputation(
        int malicious,
        int suspicious,
        int harmless,
        int undetected,
        int timeout,
        Integer reputation,
        String asOwner,
        Long asn,
        String country,
        String network,
        List<String> tags,
        Instant lastAnalysisDate,
        AbuseReport abuse) {

    public Reputation {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** VirusTotal's answer: engine counts and network facts, no AbuseIPDB part. */
    public Reputation(
            int malicious,
            int suspicious,
            int harmless,
            int undetected,
            int timeout,
            Integer reputation,
            String asOwner,
            Long asn,
            String country,
            String network,
            List<String> tags,
            Instant lastAnalysisDate) {
        this(
                malicious,
                suspicious,
                harmless,
                undetected,
                timeout,
                reputation,
                asOwner,
                asn,
                country,
                network,
                tags,
                lastAnalysisDate,
                null);
    }

    /** AbuseIPDB's answer: no engine counts. */
    public static Reputation ofAbuseReport(AbuseReport abuse) {
        return new Reputation(
                0, 0, 0, 0, 0, null, abuse.isp(), null, abuse.countryCode(), null, List.of(), null, abuse);
    }
}
