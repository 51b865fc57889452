package dev.logverdict.scan;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of the alert for one scan: sent, duplicate, nothing_malicious or disabled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertOutcome(String status, String target, String messageId) {

    static AlertOutcome disabled() {
        return new AlertOutcome("disabled", null, null);
    }
}
