package dev.logverdict.intel;

import java.time.Instant;
import java.util.Map;

/**
 * The verdict on one IP and how it was reached.
 *
 * @param reputation what the service said, or null when it was not asked or did not know the IP
 * @param reason     why the IP was not checked or the lookup failed; null when it was answered
 * @param source     who answered ("virustotal"), or null
 * @param checkedAt  when the answer was given (for a cached one, when it was fetched); null when nobody answered
 * @param providers  with more than one provider configured, what each one answered, by provider id; empty otherwise
 */
public record Assessment(
        Verdict verdict,
        LookupStatus status,
        String reason,
        String source,
        Reputation reputation,
        Instant checkedAt,
        Map<String, Assessment> providers) {

    public Assessment {
        providers = providers == null ? Map.of() : providers;
    }

    public Assessment(
            Verdict verdict,
            LookupStatus status,
            String reason,
            String source,
            Reputation reputation,
            Instant checkedAt) {
        this(verdict, status, reason, source, reputation, checkedAt, Map.of());
    }

    public Assessment(Verdict verdict, LookupStatus status, String reason, String source, Reputation reputation) {
        this(verdict, status, reason, source, reputation, null);
    }

    public static Assessment skipped(String reason) {
        return new Assessment(Verdict.NOT_CHECKED, LookupStatus.SKIPPED, reason, null, null);
    }

    public static Assessment deferred(String reason) {
        return new Assessment(Verdict.NOT_CHECKED, LookupStatus.DEFERRED, reason, null, null);
    }

    public boolean wasChecked() {
        return verdict != Verdict.NOT_CHECKED;
    }
}
