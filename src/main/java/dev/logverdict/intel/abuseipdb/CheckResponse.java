package dev.logverdict.intel.abuseipdb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The body of {@code GET /api/v2/check}: the fields logverdict reads, others ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckResponse(Data data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            String ipAddress,
            Boolean isPublic,
            Integer ipVersion,
            Boolean isWhitelisted,
            Integer abuseConfidenceScore,
            String countryCode,
            String usageType,
            String isp,
            String domain,
            List<String> hostnames,
            Boolean isTor,
            Integer totalReports,
            Integer numDistinctUsers,
            String lastReportedAt) {}
}
