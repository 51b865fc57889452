package dev.logverdict.intel;

import java.time.Instant;
import java.util.List;

/**
 * What a reputation service knows about an IP, kept raw so the verdict policy is applied at report time.
 * Engine counts are from the last analysis; the other fields may be null when the service has none.
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
        Instant lastAnalysisDate) {

    public Reputation {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
