package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.CombinedLookups;
import dev.logverdict.intel.IntelSettings;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.Provider;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.Sleeper;
import dev.logverdict.intel.ThreatIntel;
import dev.logverdict.intel.VerdictPolicy;
import dev.logverdict.intel.abuseipdb.AbuseIpDbIntel;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.intel.virustotal.VirusTotalIntel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The lookup engine as scans and the scheduled lookups use it: its providers and settings, read once. */
@ApplicationScoped
public class LookupEngine {

    /** One provider as the engine runs it: who it is, its adapter and how hard it may be pushed. */
    record ProviderSetup(Provider provider, ThreatIntel intel, IntelSettings settings) {}

    private final List<ProviderSetup> providers;
    private final IntelStorage storage;
    private final Clock clock;
    private final Sleeper sleeper;

    @Inject
    public LookupEngine(
            VirusTotalIntel virusTotal,
            AbuseIpDbIntel abuseIpDb,
            IntelStorage storage,
            LogVerdictConfig config,
            Clock clock,
            // A request may take its connect plus read timeout; it starts only if that fits the deadline.
            @ConfigProperty(name = "quarkus.rest-client.virustotal.connect-timeout", defaultValue = "5000")
                    long connectTimeoutMillis,
            @ConfigProperty(name = "quarkus.rest-client.virustotal.read-timeout", defaultValue = "20000")
                    long readTimeoutMillis,
            @ConfigProperty(name = "quarkus.rest-client.abuseipdb.connect-timeout", defaultValue = "5000")
                    long abuseConnectTimeoutMillis,
            @ConfigProperty(name = "quarkus.rest-client.abuseipdb.read-timeout", defaultValue = "20000")
                    long abuseReadTimeoutMillis) {
        this(
                List.of(
                        new ProviderSetup(
                                Provider.virusTotal(Settings.verdictPolicyOf(config)),
                                virusTotal,
                                settings(config.virustotal(), config, connectTimeoutMillis + readTimeoutMillis)),
                        new ProviderSetup(
                                Provider.abuseIpDb(Settings.abuseIpDbPolicyOf(config)),
                                abuseIpDb,
                                settings(
                                        config.abuseIpDb(),
                                        config,
                                        abuseConnectTimeoutMillis + abuseReadTimeoutMillis))),
                storage,
                clock,
                Sleeper.threadSleep());
    }

    LookupEngine(List<ProviderSetup> providers, IntelStorage storage, Clock clock, Sleeper sleeper) {
        this.providers = List.copyOf(providers);
        this.storage = storage;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** VirusTotal alone, as the tests of the drain set it up. */
    LookupEngine(
            ThreatIntel virusTotal,
            IntelStorage storage,
            VerdictPolicy policy,
            IntelSettings settings,
            Clock clock,
            Sleeper sleeper) {
        this(List.of(new ProviderSetup(Provider.virusTotal(policy), virusTotal, settings)), storage, clock, sleeper);
    }

    /** A provider's settings from its pacing configuration and the longest its one request can take. */
    public static IntelSettings settings(
            LogVerdictConfig.Pacing pacing, LogVerdictConfig config, long worstCaseMillis) {
        return new IntelSettings(
                pacing.maxConcurrency(),
                pacing.rateLimitRetries(),
                pacing.rateLimitBackoff(),
                pacing.quotaPause(),
                config.cacheTtl(),
                config.cacheNotFoundTtl(),
                pacing.transientRetries(),
                Duration.ofMillis(worstCaseMillis));
    }

    /** The providers in the order their answers are combined. */
    public List<Provider> providers() {
        return providers.stream().map(ProviderSetup::provider).toList();
    }

    /** Lookups against the state kept in this bucket (caches, budgets, ledgers) and what the offline sources say. */
    public CombinedLookups forBucket(String reportBucket, OfflineIntel offline) {
        return new CombinedLookups(providers.stream()
                .map(setup -> new ReputationLookups(
                        setup.intel(),
                        setup.provider(),
                        storage.requestAllowance(reportBucket, setup.provider().id()),
                        sleeper,
                        clock,
                        storage.verdictCache(reportBucket, setup.provider().id()),
                        offline,
                        storage.quotaLedger(reportBucket, setup.provider().id()),
                        setup.settings()))
                .toList());
    }
}
