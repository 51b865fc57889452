package dev.logverdict.intel.abuseipdb;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.AbuseReport;
import dev.logverdict.intel.IntelAuthenticationException;
import dev.logverdict.intel.LookupResult;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.ThreatIntel;
import dev.logverdict.intel.keys.ApiKeys;
import dev.logverdict.intel.keys.ProviderKey;
import dev.logverdict.ip.IpAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@link ThreatIntel} backed by AbuseIPDB's check endpoint. Its answers map to honest statuses: a 401/403
 * rejects the key (the run fails once the report is written), a 429 is a rate limit (the rest waits), a 5xx
 * or a dropped connection may be asked again (through the allowance, by the engine), anything else is a
 * failed lookup; an address with no reports is an answer (score 0), judged {@code unknown} by the policy.
 */
@ApplicationScoped
public class AbuseIpDbIntel implements ThreatIntel {

    private static final Logger LOG = Logger.getLogger(AbuseIpDbIntel.class);

    private final Instance<AbuseIpDbApi> api;
    private final ProviderKey keys;
    private final int maxAgeInDays;

    public AbuseIpDbIntel(@RestClient Instance<AbuseIpDbApi> api, ApiKeys keys, LogVerdictConfig config) {
        // Looked up on first use: without a key the REST client is never built.
        this.api = api;
        this.keys = keys.abuseIpDb();
        this.maxAgeInDays = Math.max(1, Math.min(365, config.abuseIpDb().maxAgeInDays()));
    }

    @Override
    public boolean isConfigured() {
        return keys.key().isPresent();
    }

    @Override
    public Optional<String> unavailableReason() {
        return keys.unavailableReason();
    }

    @Override
    public LookupResult lookup(IpAddress address) {
        String key = keys.key().orElseThrow(() -> new IllegalStateException("AbuseIPDB API key not configured"));
        try {
            return toResult(api.get().check(key, address.toString(), maxAgeInDays));
        } catch (AbuseIpDbException e) {
            return switch (e.status()) {
                case 401, 403 ->
                    throw new IntelAuthenticationException("AbuseIPDB rejected the API key (HTTP " + e.status()
                            + "); check logverdict.abuseipdb.api-key");
                case 429 -> new LookupResult.RateLimited("HTTP 429");
                default -> new LookupResult.Failed(e.getMessage(), e.status() >= 500);
            };
        } catch (ProcessingException e) {
            Throwable root = rootCause(e);
            boolean transientFailure = root instanceof IOException || root instanceof TimeoutException;
            LOG.warnf(
                    "AbuseIPDB lookup for %s failed: %s",
                    address, root.getClass().getSimpleName());
            return new LookupResult.Failed(
                    "AbuseIPDB request failed: "
                            + (root instanceof TimeoutException
                                    ? "timed out"
                                    : root.getClass().getSimpleName()),
                    transientFailure);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "AbuseIPDB lookup for %s failed: %s", address, e.getClass().getSimpleName());
            return new LookupResult.Failed(
                    "AbuseIPDB answer unusable: " + e.getClass().getSimpleName());
        }
    }

    static LookupResult toResult(CheckResponse response) {
        if (response == null || response.data() == null || response.data().abuseConfidenceScore() == null) {
            return new LookupResult.Failed("AbuseIPDB answer had no data.abuseConfidenceScore");
        }
        CheckResponse.Data d = response.data();
        return new LookupResult.Found(Reputation.ofAbuseReport(new AbuseReport(
                d.abuseConfidenceScore(),
                d.totalReports() == null ? 0 : d.totalReports(),
                d.numDistinctUsers() == null ? 0 : d.numDistinctUsers(),
                d.isWhitelisted(),
                d.usageType(),
                d.isp(),
                d.domain(),
                d.countryCode(),
                d.isTor(),
                instant(d.lastReportedAt()))));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a date we cannot read is left out, the answer is still good
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
