package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.IntelSettings;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.Sleeper;
import dev.logverdict.intel.ThreatIntel;
import dev.logverdict.intel.VerdictPolicy;
import dev.logverdict.intel.sources.OfflineIntel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/** The lookup engine as scans and the scheduled lookups use it, its settings read once. */
@ApplicationScoped
public class LookupEngine {

    private final ThreatIntel intel;
    private final IntelStorage storage;
    private final VerdictPolicy policy;
    private final IntelSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    @jakarta.inject.Inject
    public LookupEngine(ThreatIntel intel, IntelStorage storage, LogVerdictConfig config, Clock clock,
                        // A request may take its connect plus read timeout; it starts only if that fits the deadline.
                        @ConfigProperty(name = "quarkus.rest-client.virustotal.connect-timeout", defaultValue = "5000")
                        long connectTimeoutMillis,
                        @ConfigProperty(name = "quarkus.rest-client.virustotal.read-timeout", defaultValue = "20000")
                        long readTimeoutMillis) {
        this(intel, storage, new VerdictPolicy(config.policy().maliciousEngines(),
                        config.policy().maliciousEnginesWithBadReputation(), config.policy().suspiciousEngines()),
                new IntelSettings(config.virustotal().maxConcurrency(), config.virustotal().rateLimitRetries(),
                        config.virustotal().rateLimitBackoff(), config.virustotal().quotaPause(), config.cacheTtl(),
                        config.cacheNotFoundTtl(), config.virustotal().transientRetries(),
                        Duration.ofMillis(connectTimeoutMillis + readTimeoutMillis)),
                clock, Sleeper.threadSleep());
    }

    LookupEngine(ThreatIntel intel, IntelStorage storage, VerdictPolicy policy, IntelSettings settings, Clock clock,
                 Sleeper sleeper) {
        this.intel = intel;
        this.storage = storage;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public VerdictPolicy policy() {
        return policy;
    }

    /** Lookups against the state kept in this bucket (cache, budget, ledger) and what the offline sources say. */
    public ReputationLookups forBucket(String reportBucket, OfflineIntel offline) {
        return new ReputationLookups(intel, policy, storage.requestAllowance(reportBucket), sleeper, clock,
                storage.verdictCache(reportBucket), offline, storage.quotaLedger(reportBucket), settings);
    }
}
