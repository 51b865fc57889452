package dev.logverdict.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The verdict report, contract v1 (see report-schema.json). Field names are the contract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
        String schemaVersion,
        Source source,
        String generatedAt,
        Intel intel,
        Summary summary,
        List<NetworkActivity> networks,
        List<IpEntry> ips,
        List<Aggregated> aggregated,
        List<NonIpClient> nonIpClients,
        List<IpElsewhere> ipsElsewhere,
        List<MalformedLine> malformedSamples,
        List<Output> outputs) {

    public static final String SCHEMA_VERSION = "1";

    /** The same report, listing the files written beside it. */
    public Report withOutputs(List<Output> written) {
        return new Report(
                schemaVersion,
                source,
                generatedAt,
                intel,
                summary,
                networks,
                ips,
                aggregated,
                nonIpClients,
                ipsElsewhere,
                malformedSamples,
                written);
    }

    /**
     * A file written beside the JSON report (HTML view, blocklist export); {@code entries} for exports. A WAF
     * IP set also says how many malicious {@code addresses} its entries cover (more when adjacent addresses
     * were merged into one CIDR) and how many were {@code omittedAddresses} to keep within the set's limit.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(String kind, String bucket, String key, Long entries, Long addresses, Long omittedAddresses) {

        public Output(String kind, String bucket, String key, Long entries) {
            this(kind, bucket, key, entries, null, null);
        }
    }

    /** The scanned object, as read (not as announced by the event). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            String bucket,
            String key,
            String versionId,
            @JsonProperty("eTag") String eTag,
            long size,
            String lastModified,
            String format,
            Map<String, Long> formats,
            long uncompressedBytes,
            String readError) {}

    /**
     * {@code virustotal}, {@code cache} and {@code budget} describe VirusTotal (as in every v1 report);
     * {@code abuseipdb} the second provider, when the engine has it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Intel(
            String virustotal,
            List<String> feeds,
            Policy policy,
            List<FeedSource> feedSources,
            Cache cache,
            Budget budget,
            List<PublicSourceState> sources,
            ProviderRun abuseipdb) {}

    /** How a provider fared in this run: {@code consulted}, {@code not_configured}, {@code key_unavailable}, … */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProviderRun(String status, Cache cache, Budget budget) {}

    /**
     * How verdicts are reached: VirusTotal's engine thresholds, and what each kind of offline source means
     * ({@code blocklist}, {@code anonymiser}, {@code verifiedCrawler}, {@code sharedInfrastructure}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Policy(
            int maliciousEngines,
            int maliciousEnginesWithBadReputation,
            int suspiciousEngines,
            String blocklist,
            String anonymiser,
            String verifiedCrawler,
            String sharedInfrastructure,
            Integer abuseipdbMaliciousScore,
            Integer abuseipdbSuspiciousScore,
            String providers) {}

    /**
     * A public source as this scan used it: {@code ok}, {@code degraded} (the last download was refused; the
     * previous copy is in use), {@code stale} (older than three refresh periods) or {@code unavailable} (no
     * copy), and how many public IPs of this log it answered or labelled.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicSourceState(
            String id, String kind, String state, String fetchedAt, long entries, String reason, long matchedIps) {}

    /** Requests, IPs and malicious IPs per autonomous system, busiest first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkActivity(long asn, String name, String country, long requests, long ips, long maliciousIps) {}

    /** The provider whose published ranges hold the address, and what that means for blocking it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Infrastructure(String provider, String service, String kind, String source, String note) {}

    public record Network(long asn, String name, String country) {}

    /** A blocklist as loaded: entries used, and entries dropped because they touch special-purpose ranges. */
    public record FeedSource(
            String name, long entries, long ignoredSpecialPurpose, long ignoredInvalid, long matchedIps) {}

    /** The verdict cache in this run; {@code error} when it could not be used (e.g. AccessDenied). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cache(long hits, long stored, String error) {}

    /** The VirusTotal quota as this run saw it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Budget(int requestsPerDay, int spentToday, int spentThisRun, String exhaustedUntil) {}

    public record Summary(
            long lines,
            long parsedLines,
            long malformedLines,
            long uniqueIps,
            long publicIps,
            long lookedUp,
            long fromCache,
            long fromFeeds,
            long notChecked,
            long malicious,
            long suspicious,
            long harmless,
            long unknown,
            double coverage,
            List<String> truncated,
            Map<String, Long> answeredBy) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IpEntry(
            String ip,
            int version,
            String scope,
            long requests,
            String firstSeen,
            String lastSeen,
            String verdict,
            Lookup lookup,
            VirusTotal virustotal,
            Proxy proxy,
            Long relayedRequests,
            Activity activity,
            Map<String, Integer> signals,
            Infrastructure infrastructure,
            List<String> labels,
            Network network,
            AbuseIpDb abuseipdb,
            Map<String, ProviderAnswer> providers) {}

    /** What AbuseIPDB's check said; {@code link} opens the address on abuseipdb.com. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AbuseIpDb(
            int abuseConfidenceScore,
            int totalReports,
            int numDistinctUsers,
            Boolean isWhitelisted,
            String usageType,
            String isp,
            String domain,
            String countryCode,
            Boolean isTor,
            String lastReportedAt,
            String link) {}

    /** One provider's own answer for an IP, when more than one was asked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProviderAnswer(String verdict, String status, String reason, String checkedAt) {}

    /**
     * Clients past the tracking cap, counted by {@code network} ({@code 2001:db8::/64} stands for one
     * subscriber or host, {@code 192.0.2.0/24}), or past the network cap too ({@code untracked}). No
     * provider is asked about a network; the offline sources are: {@code blocklist} names the list that
     * holds both its first and its last address, {@code asn} the autonomous system of its first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Aggregated(
            String network,
            long requests,
            long bytes,
            String firstSeen,
            String lastSeen,
            Map<String, Integer> signals,
            String blocklist,
            Network asn) {}

    /** What the client did; the detail fields are absent for clients beyond the detail cap. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Activity(
            long bytes,
            Map<String, Long> statuses,
            Map<String, Long> methods,
            List<Counted> topPaths,
            List<Counted> topUserAgents,
            Hourly hourly) {}

    public record Counted(String value, long count) {}

    /** Requests per hour from {@code start} (an hour boundary, UTC). */
    public record Hourly(String start, int[] counts) {}

    /** How an origin's requests reached the server: through these trusted proxies, per X-Forwarded-For. */
    public record Proxy(long forwardedRequests, List<ProxyHop> via) {}

    public record ProxyHop(String ip, long requests) {}

    /** An address written inside requests or referrers (scan-all-fields): not a client, not looked up. */
    public record IpElsewhere(String ip, String scope, long occurrences) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lookup(String status, String reason, String source, String checkedAt) {

        public Lookup(String status, String reason, String source) {
            this(status, reason, source, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VirusTotal(
            int malicious,
            int suspicious,
            int harmless,
            int undetected,
            int timeout,
            Integer reputation,
            String asOwner,
            Long asn,
            String country,
            String network,
            List<String> tags,
            String lastAnalysisDate,
            String link) {}

    public record NonIpClient(String value, long requests) {}

    public record MalformedLine(long lineNumber, String reason, String excerpt) {}
}
