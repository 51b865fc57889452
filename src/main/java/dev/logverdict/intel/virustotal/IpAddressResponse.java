package dev.logverdict.intel.virustotal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The parts of {@code GET /api/v3/ip_addresses/{ip}} the report uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpAddressResponse(Data data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(String id, String type, Attributes attributes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attributes(
            @JsonProperty("last_analysis_stats") AnalysisStats lastAnalysisStats,
            @JsonProperty("reputation") Integer reputation,
            @JsonProperty("as_owner") String asOwner,
            @JsonProperty("asn") Long asn,
            @JsonProperty("country") String country,
            @JsonProperty("network") String network,
            @JsonProperty("tags") List<String> tags,
            @JsonProperty("last_analysis_date") Long lastAnalysisDate) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AnalysisStats(int malicious, int suspicious, int harmless, int undetected, int timeout) {}
}
