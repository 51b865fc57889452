package dev.logverdict.intel.virustotal;

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
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/** {@link ThreatIntel} backed by VirusTotal API v3. */
@ApplicationScoped
public class VirusTotalIntel implements ThreatIntel {

    private static final Logger LOG = Logger.getLogger(VirusTotalIntel.class);

    private final Instance<VirusTotalFetcher> fetcher;
    private final ProviderKey keys;

    public VirusTotalIntel(Instance<VirusTotalFetcher> fetcher, ApiKeys keys) {
        // Looked up on first use: without a key the REST client is never built.
        this.fetcher = fetcher;
        this.keys = keys.virusTotal();
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
        String key = keys.key().orElseThrow(() -> new IllegalStateException("VirusTotal API key not configured"));
        try {
            IpAddressResponse response = fetcher.get().fetch(address.toString(), key);
            return toReputation(response);
        } catch (VirusTotalException e) {
            return switch (e.status()) {
                case 404 -> new LookupResult.NotFound();
                case 401, 403 ->
                    throw new IntelAuthenticationException("VirusTotal rejected the API key (HTTP "
                            + e.status() + (e.code() == null ? "" : " " + e.code())
                            + "); check logverdict.virustotal.api-key");
                case 429 -> new LookupResult.RateLimited("HTTP 429" + (e.code() == null ? "" : " " + e.code()));
                default -> new LookupResult.Failed(e.getMessage());
            };
        } catch (TransientVirusTotalFailure e) {
            LOG.warnf("VirusTotal lookup for %s failed: %s", address, e.getMessage());
            return new LookupResult.Failed(e.getMessage(), true);
        } catch (ProcessingException e) {
            // Connection refused/reset, timeout, or a body that is not the JSON we expect.
            LOG.warnf("VirusTotal lookup for %s failed: %s", address, describe(e));
            return new LookupResult.Failed("VirusTotal request failed: " + describe(e));
        } catch (RuntimeException e) {
            LOG.warnf("VirusTotal lookup for %s failed: %s", address, describe(e));
            return new LookupResult.Failed("VirusTotal answer unusable: " + describe(e));
        }
    }

    private static LookupResult toReputation(IpAddressResponse response) {
        if (response == null || response.data() == null || response.data().attributes() == null) {
            return new LookupResult.Failed("VirusTotal answer had no data.attributes");
        }
        IpAddressResponse.Attributes a = response.data().attributes();
        IpAddressResponse.AnalysisStats stats = a.lastAnalysisStats() == null
                ? new IpAddressResponse.AnalysisStats(0, 0, 0, 0, 0)
                : a.lastAnalysisStats();
        return new LookupResult.Found(new Reputation(
                stats.malicious(),
                stats.suspicious(),
                stats.harmless(),
                stats.undetected(),
                stats.timeout(),
                a.reputation(),
                a.asOwner(),
                a.asn(),
                a.country(),
                a.network(),
                a.tags(),
                a.lastAnalysisDate() == null ? null : Instant.ofEpochSecond(a.lastAnalysisDate())));
    }

    /** The exception's kind and its root cause's kind: enough to act on, and free of URLs and headers. */
    private static String describe(Throwable e) {
        Throwable root = VirusTotalFetcher.rootCause(e);
        return root == e
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
