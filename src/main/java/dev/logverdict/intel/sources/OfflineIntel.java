package dev.logverdict.intel.sources;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.feeds.FeedIndex;
import dev.logverdict.intel.network.AsnTable;
import dev.logverdict.intel.network.Network;
import dev.logverdict.ip.IpAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the offline sources say about an address, with no request to anyone: the blocklists (the user's own
 * and the public ones), anonymity networks, cloud/CDN and crawler ranges, and the ASN table.
 */
public final class OfflineIntel {

    /** A public source as a scan saw it: its state, the copy in use, and why it is degraded or stale. */
    public record SourceStatus(String id, String kind, String state, String fetchedAt, int entries, String reason) {}

    /** One public list of ranges and its index, asked in the order the sources are configured. */
    private record Ranges(String id, FeedIndex index) {}

    private final List<Blocklist> userFeeds;
    private final FeedIndex userBlocklists;
    private final List<Ranges> blocklists;
    private final List<Ranges> anonymisers;
    private final List<Ranges> infrastructure;
    private final List<Ranges> crawlers;
    private final AsnTable networks;
    private final List<SourceStatus> sources;

    private OfflineIntel(Builder builder) {
        this.userFeeds = List.copyOf(builder.userFeeds);
        this.userBlocklists = new FeedIndex(userFeeds);
        this.blocklists = List.copyOf(builder.blocklists);
        this.anonymisers = List.copyOf(builder.anonymisers);
        this.infrastructure = List.copyOf(builder.infrastructure);
        this.crawlers = List.copyOf(builder.crawlers);
        this.networks = builder.networks;
        this.sources = List.copyOf(builder.statuses);
    }

    /** Only the user's blocklists: no public source loaded. */
    public static OfflineIntel ofBlocklists(List<Blocklist> userFeeds) {
        return new Builder(userFeeds).build();
    }

    /** The blocklist naming this address: a user's list, else the first public one (by its id). */
    public Optional<String> blocklist(IpAddress ip) {
        Optional<String> user = userBlocklists.match(ip);
        return user.isPresent() ? user : first(blocklists, ip).map(Ranges::id);
    }

    /** The source ({@code tor}) listing this address as an exit of an anonymity network. */
    public Optional<String> anonymiser(IpAddress ip) {
        return first(anonymisers, ip).map(Ranges::id);
    }

    /** The search engine whose published crawler ranges hold this address. */
    public Optional<Infrastructure> crawler(IpAddress ip) {
        for (Ranges crawler : crawlers) {
            Optional<String> label = crawler.index().match(ip);
            if (label.isPresent()) {
                return Optional.of(
                        Infrastructure.fromLabel(label.get(), Infrastructure.Kind.VERIFIED_CRAWLER, crawler.id()));
            }
        }
        return Optional.empty();
    }

    /** The provider whose published ranges hold this address; a verified crawler before shared infrastructure. */
    public Optional<Infrastructure> infrastructure(IpAddress ip) {
        Optional<Infrastructure> crawler = crawler(ip);
        if (crawler.isPresent()) {
            return crawler;
        }
        for (Ranges provider : infrastructure) {
            Optional<String> label = provider.index().match(ip);
            if (label.isPresent()) {
                return Optional.of(Infrastructure.fromLabel(
                        label.get(),
                        isCdnEdge(label.get()) ? Infrastructure.Kind.CDN : Infrastructure.Kind.CLOUD,
                        provider.id()));
            }
        }
        return Optional.empty();
    }

    public Optional<Network> network(IpAddress ip) {
        return networks.lookup(ip);
    }

    private static Optional<Ranges> first(List<Ranges> lists, IpAddress ip) {
        for (Ranges list : lists) {
            if (list.index().match(ip).isPresent()) {
                return Optional.of(list);
            }
        }
        return Optional.empty();
    }

    /** CDN edges (and CloudFront's origin-facing fleet) carry every user of the sites behind them. */
    static boolean isCdnEdge(String label) {
        return label.equals("cloudflare") || label.startsWith("aws/CLOUDFRONT");
    }

    /** The user's blocklists (the report lists them as feeds). */
    public List<Blocklist> userFeeds() {
        return userFeeds;
    }

    public List<SourceStatus> sources() {
        return sources;
    }

    public static final class Builder {
        private final List<Blocklist> userFeeds;
        private final List<Ranges> blocklists = new ArrayList<>();
        private final List<Ranges> anonymisers = new ArrayList<>();
        private final List<Ranges> infrastructure = new ArrayList<>();
        private final List<Ranges> crawlers = new ArrayList<>();
        private AsnTable networks = AsnTable.empty();
        private final List<SourceStatus> statuses = new ArrayList<>();

        public Builder(List<Blocklist> userFeeds) {
            this.userFeeds = userFeeds;
        }

        public Builder add(PublicSource source, SourceData data, SourceStatus status) {
            statuses.add(status);
            if (data instanceof SourceData.Networks table) {
                networks = table.table();
                return this;
            }
            Ranges ranges = new Ranges(source.id(), ((SourceData.Ranges) data).index());
            switch (source.kind()) {
                case BLOCKLIST -> blocklists.add(ranges);
                case ANONYMISER -> anonymisers.add(ranges);
                case INFRASTRUCTURE -> infrastructure.add(ranges);
                case CRAWLER -> crawlers.add(ranges);
                case ENRICHMENT -> throw new IllegalArgumentException(source.id() + " holds ranges, not an ASN table");
            }
            return this;
        }

        public Builder status(SourceStatus status) {
            statuses.add(status);
            return this;
        }

        public OfflineIntel build() {
            return new OfflineIntel(this);
        }
    }
}
