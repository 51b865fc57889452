package dev.logverdict.intel.virustotal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** VirusTotal's error body: {@code {"error": {"code": "QuotaExceededError", "message": "..."}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(Error error) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String code, String message) {}
}
