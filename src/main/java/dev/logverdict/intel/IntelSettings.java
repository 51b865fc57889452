package dev.logverdict.intel;

import java.time.Duration;

/**
 * How hard the lookups may push the service.
 *
 * @param requestsPerDay   the key's daily quota (500 for a public key), shared by all invocations
 * @param maxConcurrency   lookups in flight at once (1 for a public key; more for premium keys)
 * @param rateLimitRetries how often a 429 is waited out (exponential back-off with jitter) before the run stops asking
 * @param rateLimitBackoff the first back-off; it doubles each time
 * @param quotaPause       how long an exhausted quota is assumed to stay exhausted, for later invocations
 * @param cacheTtl         how long a cached answer counts
 * @param notFoundTtl      how long a cached "VirusTotal does not know this IP" counts (IPs get scanned later)
 */
public record IntelSettings(int requestsPerDay, int maxConcurrency, int rateLimitRetries, Duration rateLimitBackoff,
                            Duration quotaPause, Duration cacheTtl, Duration notFoundTtl) {

    public IntelSettings {
        if (requestsPerDay < 0 || maxConcurrency < 1 || rateLimitRetries < 0) {
            throw new IllegalArgumentException("requests-per-day >= 0, max-concurrency >= 1, rate-limit-retries >= 0");
        }
    }

    public static IntelSettings defaults() {
        return new IntelSettings(500, 1, 2, Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofHours(24),
                Duration.ofHours(6));
    }
}
