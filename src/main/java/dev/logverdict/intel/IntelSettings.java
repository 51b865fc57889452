package dev.logverdict.intel;

import java.time.Duration;

/**
 * How hard the lookups may push the service.
 *
 * @param maxConcurrency   lookups in flight at once (1 for a public key; more for premium keys)
 * @param rateLimitRetries how often a 429 is waited out (exponential back-off with jitter) before the run stops asking
 * @param rateLimitBackoff the first back-off; it doubles each time
 * @param quotaPause       how long an exhausted quota is assumed to stay exhausted, for later invocations
 * @param cacheTtl         how long a cached answer counts
 * @param notFoundTtl      how long a cached "VirusTotal does not know this IP" counts (IPs get scanned later)
 * @param transientRetries how often a 5xx, a timeout or a dropped connection is asked again (each time paced and counted)
 * @param worstCaseLookup  the longest one request can take (connect plus read timeout): a request starts only if
 *                         this much time is left before the report must be written
 */
public record IntelSettings(
        int maxConcurrency,
        int rateLimitRetries,
        Duration rateLimitBackoff,
        Duration quotaPause,
        Duration cacheTtl,
        Duration notFoundTtl,
        int transientRetries,
        Duration worstCaseLookup) {

    public IntelSettings {
        if (maxConcurrency < 1 || rateLimitRetries < 0 || transientRetries < 0) {
            throw new IllegalArgumentException("max-concurrency >= 1, rate-limit-retries >= 0, transient-retries >= 0");
        }
    }
}
