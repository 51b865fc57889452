package dev.logverdict;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of logverdict; the README's configuration table lists each key. */
@ConfigMapping(prefix = "logverdict")
public interface LogVerdictConfig {

    /** Only object keys under this prefix are scanned. */
    @WithDefault("logs/")
    String inputPrefix();

    /** Reports go to report-prefix + (key minus input-prefix) + ".json"; keys under it are never scanned. */
    @WithDefault("reports/")
    String reportPrefix();

    /** Bucket for reports; the input bucket when unset. When set, report keys carry the input bucket's name. */
    Optional<String> reportBucket();

    /** Lines longer than this are cut here (the client field is still read) and counted as malformed. */
    @WithDefault("1048576")
    int maxLineBytes();

    /** How many malformed lines the report quotes. */
    @WithDefault("20")
    int malformedSamples();

    /** Distinct host-name clients listed in nonIpClients before the list is capped. */
    @WithDefault("1000")
    int maxNonIpClients();

    /** Time kept back from the invocation's deadline to write the report; lookups stop before it. */
    @WithDefault("20s")
    Duration reportWriteMargin();

    /**
     * auto (recognised line by line), or one of: common, combined, vhost_combined, vhost_combined_no_port,
     * alb, elb, cloudfront, s3, json.
     */
    @WithDefault("auto")
    String logFormat();

    /** JSON lines: the field (dots for nested objects) that holds the client address; usual names when unset. */
    Optional<String> jsonIpField();

    /** CIDRs of proxies whose X-Forwarded-For is believed; the real client is the right-most untrusted hop. */
    @WithDefault("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8,fc00::/7,::1/128")
    List<String> trustedProxies();

    /** Also list addresses written in request targets and referrers (never user agents), apart from clients. */
    @WithDefault("false")
    boolean scanAllFields();

    /** Distinct addresses listed by scan-all-fields before the list is capped. */
    @WithDefault("10000")
    int maxIpsElsewhere();

    /** Clients that get full activity detail (top paths and agents, hourly series…); later ones get counts only. */
    @WithDefault("200000")
    int maxDetailedIps();

    /**
     * Addresses counted one by one; later ones are counted by network (IPv6 /64, IPv4 /24), so memory
     * stays bounded whatever the log holds.
     */
    @WithDefault("300000")
    int maxTrackedIps();

    /** Reading stops after this many (decompressed) bytes, so a decompression bomb ends in a report, not a crash. */
    @WithDefault("17179869184")
    long maxUncompressedBytes();

    /** Where VirusTotal answers are cached (in the report bucket), one object per IP. */
    @WithDefault("cache/")
    String cachePrefix();

    /** How long a cached VirusTotal answer counts. */
    @WithDefault("24h")
    Duration cacheTtl();

    /** How long a cached "VirusTotal does not know this IP" counts. */
    @WithDefault("6h")
    Duration cacheNotFoundTtl();

    /** Blocklists (one IP or CIDR a line) under this prefix of the report bucket are loaded each run. */
    @WithDefault("feeds/")
    String feedsPrefix();

    /** Findings (one JSON line per client, gzip) go under this prefix of the report bucket, by day, for Athena. */
    @WithDefault("findings/")
    String findingsPrefix();

    /** A local directory of blocklists too (the local run bundles one); unset in the cloud. */
    Optional<String> feedsDirectory();

    /**
     * Public sources the schedule keeps current in the report bucket (no key, no copying by hand); each has
     * {@code url}, {@code enabled} and {@code refresh}.
     */
    Sources sources();

    interface Sources {
        /** The longest one download may take, headers and body, before it is abandoned. */
        @WithDefault("30s")
        Duration fetchTimeout();

        /** Spamhaus DROP (IPv4): netblocks run by professional spam and cyber-crime operations; at most hourly, as Spamhaus asks. */
        Spamhaus spamhaus();

        /** Spamhaus DROP IPv6. */
        Spamhaus6 spamhaus6();

        /** Tor exit addresses: a label (anonymiser), not a verdict. */
        Tor tor();

        /** abuse.ch Feodo Tracker botnet C2 servers (recommended list). */
        Feodo feodo();

        /** AWS IP ranges: shared cloud infrastructure, CloudFront as a CDN. */
        Aws aws();

        /** Googlebot ranges: a verified crawler. */
        Googlebot googlebot();

        /** Bingbot ranges: a verified crawler. */
        Bingbot bingbot();

        /** Cloudflare IPv4 ranges: a CDN. */
        Cloudflare cloudflare();

        /** Cloudflare IPv6 ranges. */
        Cloudflare6 cloudflare6();

        /** IP-to-ASN and country (iptoasn.com, public domain). */
        Asn asn();

        interface Spamhaus {
            @WithDefault("https://www.spamhaus.org/drop/drop_v4.json")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("12h")
            Duration refresh();
        }

        interface Spamhaus6 {
            @WithDefault("https://www.spamhaus.org/drop/drop_v6.json")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("12h")
            Duration refresh();
        }

        interface Tor {
            @WithDefault("https://check.torproject.org/torbulkexitlist")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("1h")
            Duration refresh();
        }

        interface Feodo {
            @WithDefault("https://feodotracker.abuse.ch/downloads/ipblocklist_recommended.txt")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("1h")
            Duration refresh();
        }

        interface Aws {
            @WithDefault("https://ip-ranges.amazonaws.com/ip-ranges.json")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("12h")
            Duration refresh();
        }

        interface Googlebot {
            @WithDefault("https://developers.google.com/static/search/apis/ipranges/googlebot.json")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("24h")
            Duration refresh();
        }

        interface Bingbot {
            @WithDefault("https://www.bing.com/toolbox/bingbot.json")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("24h")
            Duration refresh();
        }

        interface Cloudflare {
            @WithDefault("https://www.cloudflare.com/ips-v4")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("24h")
            Duration refresh();
        }

        interface Cloudflare6 {
            @WithDefault("https://www.cloudflare.com/ips-v6")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("24h")
            Duration refresh();
        }

        interface Asn {
            @WithDefault("https://iptoasn.com/data/ip2asn-combined.tsv.gz")
            String url();

            @WithDefault("true")
            boolean enabled();

            @WithDefault("24h")
            Duration refresh();
        }
    }

    /** The scheduled lookups: the queue of IPs a scan could not ask about, and the reports they refresh. */
    Lookups lookups();

    interface Lookups {
        /** IPs of an object version wait this long after its first scan; then they stay not_checked (window_closed). */
        @WithDefault("48h")
        Duration window();

        /** A report with waiting IPs is rewritten with new answers at most this often (0 = after every drain). */
        @WithDefault("15m")
        Duration refreshInterval();

        /** At most this many addresses of one IPv6 /64 (one subscriber or host) are queued per object version. */
        @WithDefault("4")
        int maxPerPrefix();
    }

    /**
     * Run the scan's code paths once on a built-in sample at init: blocking (SnapStart, so the warmed state
     * is in the snapshot), background, or off (measured fastest for on-demand cold starts, see
     * docs/performance.md).
     */
    @WithDefault("off")
    String priming();

    VirusTotal virustotal();

    /** AbuseIPDB API v2, a second reputation provider with its own key, pace, budget and cache. */
    @WithName("abuseipdb")
    AbuseIpDb abuseIpDb();

    Policy policy();

    Outputs outputs();

    Alert alert();

    /** Files written beside the JSON report, under the same name with another suffix. */
    interface Outputs {
        /** A self-contained HTML page (.html) for analysts. */
        @WithDefault("true")
        boolean html();

        /** Rows in the HTML table (most dangerous first); the JSON always lists every IP. */
        @WithDefault("500")
        int htmlMaxRows();

        /** Malicious IPs as AWS WAF IP set lists, one per family (.waf-ipv4.txt with /32, .waf-ipv6.txt with /128). */
        @WithDefault("true")
        boolean wafIpSets();

        /** Malicious IPs as a GuardDuty ThreatIntelSet in TXT format (.guardduty.txt). */
        @WithDefault("true")
        boolean guarddutyThreatIntelSet();

        /** Every client as a line of the findings object Athena queries (under logverdict.findings-prefix). */
        @WithDefault("true")
        boolean findings();

        /**
         * The detections (flagged clients) as OCSF 1.1.0 Detection Finding records, gzip JSON lines under
         * logverdict.ocsf.prefix, for SIEMs that ingest OCSF.
         */
        @WithDefault("false")
        boolean ocsf();

        /** Malicious IPs as STIX 2.1 indicators (.stix, JSON). */
        @WithDefault("true")
        boolean stix();

        /** An indicator's valid_until is this long after the scan: reputation goes stale. */
        @WithDefault("7d")
        Duration stixValidFor();
    }

    /** The one rolling blocklist the scheduled run keeps from the findings of every report. */
    Blocklist blocklist();

    /** Where the OCSF Detection Findings go: JSON lines in the report bucket, Parquet in Security Lake. */
    Ocsf ocsf();

    interface Ocsf {
        /** The JSON lines (logverdict.outputs.ocsf) go under this prefix of the report bucket, by day. */
        @WithDefault("ocsf/")
        String prefix();

        /** Amazon Security Lake's custom source, when one is set up for logverdict's findings. */
        SecurityLake securityLake();
    }

    interface SecurityLake {
        /**
         * The custom source's location, s3://aws-security-data-lake-REGION-ID/ext/SOURCE/ (as Security Lake
         * shows it); unset: nothing goes to Security Lake.
         */
        Optional<String> location();

        /** The role Security Lake made for the custom source; the function's own role when unset. */
        Optional<String> roleArn();

        /** The external ID given when the custom source was made (the role's trust policy asks for it). */
        Optional<String> externalId();

        /** The accountId partition: the account whose logs are scanned (the template passes its own). */
        Optional<String> accountId();

        /** The region partition and the lake bucket's region; the function's region when unset. */
        Optional<String> region();

        /** Another endpoint for STS (tests). */
        Optional<URI> stsEndpointOverride();
    }

    interface Blocklist {
        /** Keep the rolling blocklist under logverdict.blocklist.prefix (needs logverdict.outputs.findings). */
        @WithDefault("true")
        boolean enabled();

        /** Where the lists go in the report bucket: current-ipv4.txt, current-ipv6.txt, current-guardduty.txt. */
        @WithDefault("blocklists/")
        String prefix();

        /** An address stays listed this long after a log last showed it with a malicious verdict. */
        @WithDefault("7d")
        Duration window();

        /** An existing WAF IP set (its ARN, or name|id|REGIONAL or name|id|CLOUDFRONT) made to hold the IPv4 list. */
        Optional<String> wafIpv4IpSet();

        /** An existing WAF IP set (its ARN, or name|id|scope) made to hold the IPv6 list. */
        Optional<String> wafIpv6IpSet();

        /** The region of the WAF IP sets (us-east-1 for CLOUDFRONT); the function's region when unset. */
        Optional<String> wafRegion();

        /** Another endpoint for the WAF API (tests). */
        Optional<URI> wafEndpointOverride();
    }

    interface Alert {
        /** none, eventbridge or sns: where one alert per scanned object with malicious IPs goes. */
        @WithDefault("none")
        String target();

        /** EventBridge bus name or ARN (target eventbridge). */
        @WithDefault("default")
        String eventBus();

        /** The events' source field (target eventbridge). */
        @WithDefault("logverdict")
        String eventSource();

        /** SNS topic ARN (target sns). */
        Optional<String> topicArn();

        /** Offenders named in the alert, worst first. */
        @WithDefault("5")
        int topOffenders();

        /**
         * Markers under this prefix of the report bucket make sure an (object key, eTag) alerts only once;
         * cache-prefix + "_alerts/" when unset, so the cache's permissions and expiry cover them.
         */
        Optional<String> markerPrefix();

        /**
         * An alert claimed this long ago and not marked sent is taken as lost (the invocation died between
         * claim and send) and sent by the next attempt; longer than the function's timeout.
         */
        @WithDefault("16m")
        Duration claimTimeout();

        /** Region of the bus/topic; the function's region when unset. */
        Optional<String> region();

        /** Another endpoint for the EventBridge/SNS API (a VPC endpoint, or a local stand-in in tests). */
        Optional<URI> endpointOverride();
    }

    /** Where a provider's API key comes from; the first that is set is used. */
    interface ApiKey {
        /** The key itself (env LOGVERDICT_<PROVIDER>_API_KEY), for local runs; absent = no lookups, said in the report. */
        Optional<String> apiKey();

        /** Secrets Manager secret id/ARN holding the key, read at init through the Parameters and Secrets extension. */
        Optional<String> apiKeySecret();

        /** When the secret is JSON, the field holding the key (e.g. apiKey); unset = the whole secret string. */
        Optional<String> apiKeySecretField();

        /** SSM SecureString parameter name holding the key (used when no secret is named). */
        Optional<String> apiKeyParameter();
    }

    /** How hard a provider may be pushed besides its per-minute and per-day limits; the same defaults for each. */
    interface Pacing {
        /** Lookups in flight at once; raise only for premium keys. */
        @WithDefault("1")
        int maxConcurrency();

        /** How often a 429 is waited out (exponential back-off with jitter) before the run stops asking. */
        @WithDefault("2")
        int rateLimitRetries();

        /** The first wait after a 429; it doubles each time. */
        @WithDefault("15s")
        Duration rateLimitBackoff();

        /** After repeated 429s, how long later invocations assume the quota stays exhausted. */
        @WithDefault("15m")
        Duration quotaPause();

        /** How often a 5xx, a timeout or a dropped connection is asked again; each retry is paced and counted. */
        @WithDefault("2")
        int transientRetries();
    }

    interface VirusTotal extends ApiKey, Pacing {
        /** Lookups per minute; 4 for a public key. */
        @WithDefault("4")
        int requestsPerMinute();

        /** Lookups per UTC day, shared by all invocations through claims under the cache prefix. */
        @WithDefault("500")
        int requestsPerDay();
    }

    interface AbuseIpDb extends ApiKey, Pacing {
        /** Checks per minute; the free tier has no per-minute limit, this keeps the day's checks spread out. */
        @WithDefault("30")
        int requestsPerMinute();

        /** Checks per UTC day (1,000 on the free tier), shared by all invocations like VirusTotal's. */
        @WithDefault("1000")
        int requestsPerDay();

        /** Reports older than this many days are not counted (maxAgeInDays, 1 to 365). */
        @WithDefault("90")
        int maxAgeInDays();

        /** abuseConfidenceScore at or above which AbuseIPDB's answer is malicious (unless whitelisted). */
        @WithDefault("75")
        int maliciousScore();

        /** abuseConfidenceScore at or above which it is suspicious. */
        @WithDefault("25")
        int suspiciousScore();
    }

    interface Policy {
        /** Engines that must say malicious for the verdict malicious. */
        @WithDefault("2")
        int maliciousEngines();

        /** Engines saying malicious that suffice when the community reputation is negative. */
        @WithDefault("1")
        int maliciousEnginesWithBadReputation();

        /** Engines saying malicious or suspicious for the verdict suspicious. */
        @WithDefault("1")
        int suspiciousEngines();
    }
}
