package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.PublicSources;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.Provider;
import dev.logverdict.intel.QuotaLedger;
import dev.logverdict.intel.RequestAllowance;
import dev.logverdict.intel.SharedAllowance;
import dev.logverdict.intel.VerdictCache;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.feeds.LocalFeeds;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.intel.sources.PublicSource;
import dev.logverdict.intel.sources.SourceStore;
import dev.logverdict.intel.stored.StoredFeeds;
import dev.logverdict.intel.stored.StoredQuotaLedger;
import dev.logverdict.intel.stored.StoredVerdictCache;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The verdict cache, the quota ledger, the stored blocklists and public sources, all in the object store under configured prefixes. */
@ApplicationScoped
public class ObjectStoreIntelStorage implements IntelStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStoreIntelStorage.class);

    private final ObjectStore store;
    private final LogVerdictConfig config;
    private final List<PublicSource> publicSources;
    private final SourceStore sourceStore;
    private final StoredFeeds storedFeeds;
    private final Clock clock;

    public ObjectStoreIntelStorage(ObjectStore store, LogVerdictConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.publicSources = PublicSources.enabled(config.sources());
        this.sourceStore = new SourceStore(store, config.cachePrefix());
        this.storedFeeds = new StoredFeeds(store);
    }

    @Override
    public RequestAllowance requestAllowance(String bucket, String provider) {
        boolean virusTotal = Provider.VIRUSTOTAL.equals(provider);
        return new SharedAllowance(
                store,
                bucket,
                config.cachePrefix() + "_quota/" + provider + "/",
                virusTotal
                        ? config.virustotal().requestsPerMinute()
                        : config.abuseIpDb().requestsPerMinute(),
                virusTotal
                        ? config.virustotal().requestsPerDay()
                        : config.abuseIpDb().requestsPerDay());
    }

    @Override
    public VerdictCache verdictCache(String bucket, String provider) {
        return new StoredVerdictCache(store, bucket, providerPrefix(provider));
    }

    @Override
    public QuotaLedger quotaLedger(String bucket, String provider) {
        return new StoredQuotaLedger(store, bucket, providerPrefix(provider));
    }

    /**
     * VirusTotal's state sits at the cache prefix itself (where it always was); another provider's in a
     * sub-prefix of it, which VirusTotal's listing (with a delimiter) never reads.
     */
    private String providerPrefix(String provider) {
        return Provider.VIRUSTOTAL.equals(provider)
                ? config.cachePrefix()
                : config.cachePrefix() + "_" + provider + "/";
    }

    @Override
    public OfflineIntel offlineIntel(String bucket) {
        return sourceStore.load(bucket, publicSources, userFeeds(bucket), clock.instant());
    }

    private List<Blocklist> userFeeds(String bucket) {
        List<Blocklist> lists = new ArrayList<>(storedFeeds.load(bucket, config.feedsPrefix()));
        if (config.feedsDirectory().isPresent()) {
            try {
                lists.addAll(LocalFeeds.load(Path.of(config.feedsDirectory().get())));
            } catch (IOException e) {
                LOG.errorf(
                        "cannot read blocklists from %s: %s",
                        config.feedsDirectory().get(), e.getMessage());
            }
        }
        return lists;
    }
}
