package dev.logverdict.report;

import dev.logverdict.intel.AbuseIpDbPolicy;
import dev.logverdict.intel.AbuseReport;
import dev.logverdict.intel.Assessment;
import dev.logverdict.intel.CombinedLookups;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.LookupStatus;
import dev.logverdict.intel.Provider;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.VerdictPolicy;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.network.Network;
import dev.logverdict.intel.sources.Infrastructure;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.Cidr;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.ip.IpScope;
import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.log.activity.ActivityDetail;
import dev.logverdict.log.activity.ClientActivity;
import dev.logverdict.log.activity.Signal;
import dev.logverdict.log.activity.TopN;
import dev.logverdict.storage.StoredObject;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Assembles the report from what the log said and what the intel said; computes the summary counts. */
public final class ReportBuilder {

    private static final String VIRUSTOTAL_GUI = "https://www.virustotal.com/gui/ip-address/";

    /** Answers shared by every client they apply to, where a log has tens of thousands. */
    private static final Assessment NOT_REACHED = Assessment.deferred("not reached in this run");

    private static final Map<IpScope, Assessment> NOT_LOOKED_UP = notLookedUp();

    private ReportBuilder() {}

    /** What the policy says each kind of offline source means; recorded in every report. */
    static final String BLOCKLIST_RULE = "listed: malicious, the list named";

    static final String ANONYMISER_RULE = "Tor exit: a label, not a verdict";
    static final String VERIFIED_CRAWLER_RULE =
            "inside a search engine's published crawler ranges: harmless, never sent to "
                    + "a provider, never exported or alerted on; also listed by a blocklist: suspicious, status conflict";
    static final String SHARED_INFRASTRUCTURE_RULE =
            "cloud or CDN address: looked up like any other and labelled; " + "CDN edge ranges are left out of exports";

    /** With VirusTotal as the only provider. */
    public static Report build(
            StoredObject source,
            TrafficScan scan,
            ReputationLookups.Outcome intel,
            VerdictPolicy policy,
            OfflineIntel offline,
            Instant generatedAt) {
        return build(source, scan, intel, List.of(Provider.virusTotal(policy)), offline, generatedAt);
    }

    /** @param providers the reputation providers the engine has, in the order their answers are combined */
    public static Report build(
            StoredObject source,
            TrafficScan scan,
            ReputationLookups.Outcome intel,
            List<Provider> providers,
            OfflineIntel offline,
            Instant generatedAt) {
        Map<IpAddress, Assessment> assessments = intel.assessments();
        List<RankedIp> entries = new ArrayList<>(scan.clients().size());
        SummaryCounts counts = new SummaryCounts();
        NetworkCounts networks = new NetworkCounts();
        Map<String, Long> sourceMatches = new HashMap<>();
        for (Map.Entry<IpAddress, ClientActivity> client : scan.clients().entrySet()) {
            IpAddress ip = client.getKey();
            IpScope scope = ScopeClassifier.classify(ip);
            Assessment assessment =
                    scope.isPublic() ? assessments.getOrDefault(ip, NOT_REACHED) : NOT_LOOKED_UP.get(scope);
            counts.add(
                    scope.isPublic(),
                    assessment.status().label(),
                    assessment.verdict().label(),
                    assessment.source());
            Labels labels = Labels.NONE;
            if (scope.isPublic()) {
                labels = Labels.of(ip, offline);
                if (assessment.status() == LookupStatus.FEED || assessment.status() == LookupStatus.CONFLICT) {
                    sourceMatches.merge(assessment.source(), 1L, Long::sum);
                }
                labels.countInto(sourceMatches);
                networks.add(
                        labels.network(),
                        client.getValue().requests(),
                        assessment.verdict().label());
            }
            entries.add(new RankedIp(ip, scope, client.getValue(), assessment, labels));
        }
        entries.sort(RankedIp.BY_RISK);

        Report.Summary summary = counts.summary(
                scan.lines(),
                scan.parsedLines(),
                scan.malformedLines(),
                scan.clients().size(),
                scan.truncated());
        return new Report(
                Report.SCHEMA_VERSION,
                new Report.Source(
                        source.bucket(),
                        source.key(),
                        source.versionId(),
                        source.eTag(),
                        source.size(),
                        source.lastModified() == null
                                ? null
                                : source.lastModified().toString(),
                        scan.format().label(),
                        formatCounts(scan),
                        scan.bytesRead(),
                        scan.inputError()),
                generatedAt.toString(),
                intelSection(intel, providers, offline, sourceMatches),
                summary,
                networks.top(),
                lazily(entries),
                aggregated(scan, offline),
                scan.nonIpClients().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> new Report.NonIpClient(e.getKey(), e.getValue()))
                        .toList(),
                scan.ipsElsewhere().isEmpty()
                        ? null
                        : scan.ipsElsewhere().entrySet().stream()
                                .sorted(Map.Entry.<IpAddress, Long>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .map(e -> new Report.IpElsewhere(
                                        e.getKey().toString(),
                                        ScopeClassifier.classify(e.getKey()).label(),
                                        e.getValue()))
                                .toList(),
                scan.malformedSamples().stream()
                        .map(s -> new Report.MalformedLine(s.lineNumber(), s.reason(), s.excerpt()))
                        .toList(),
                null);
    }

    private static final String ABUSEIPDB_GUI = "https://www.abuseipdb.com/check/";

    /** What VirusTotal said about an address, as the report shows it; null when it said nothing. */
    static Report.VirusTotal virusTotal(String ip, Reputation r) {
        if (r == null || r.abuse() != null) {
            return null;
        }
        return new Report.VirusTotal(
                r.malicious(),
                r.suspicious(),
                r.harmless(),
                r.undetected(),
                r.timeout(),
                r.reputation(),
                r.asOwner(),
                r.asn(),
                r.country(),
                r.network(),
                r.tags(),
                r.lastAnalysisDate() == null ? null : r.lastAnalysisDate().toString(),
                VIRUSTOTAL_GUI + ip);
    }

    /** What AbuseIPDB said, from the answer itself or, with several providers, from its own part of it. */
    static Report.AbuseIpDb abuseIpDb(String ip, Assessment assessment) {
        Reputation r = assessment.reputation();
        AbuseReport abuse = r != null && r.abuse() != null
                ? r.abuse()
                : Optional.ofNullable(assessment.providers().get(Provider.ABUSEIPDB))
                        .map(Assessment::reputation)
                        .map(Reputation::abuse)
                        .orElse(null);
        if (abuse == null) {
            return null;
        }
        return new Report.AbuseIpDb(
                abuse.abuseConfidenceScore(),
                abuse.totalReports(),
                abuse.numDistinctUsers(),
                abuse.whitelisted(),
                abuse.usageType(),
                abuse.isp(),
                abuse.domain(),
                abuse.countryCode(),
                abuse.tor(),
                abuse.lastReportedAt() == null ? null : abuse.lastReportedAt().toString(),
                ABUSEIPDB_GUI + ip);
    }

    /** Each provider's own answer, when several were asked; null otherwise. */
    static Map<String, Report.ProviderAnswer> providerAnswers(Assessment assessment) {
        if (assessment.providers().isEmpty()) {
            return null;
        }
        Map<String, Report.ProviderAnswer> answers = new LinkedHashMap<>();
        assessment
                .providers()
                .forEach((id, answer) -> answers.put(
                        id,
                        new Report.ProviderAnswer(
                                answer.verdict().label(),
                                answer.status().label(),
                                answer.reason(),
                                answer.checkedAt() == null
                                        ? null
                                        : answer.checkedAt().toString())));
        return answers;
    }

    /** The report's risk order ({@link RankedIp#BY_RISK}) on written entries. */
    static final Comparator<Report.IpEntry> ENTRY_RISK = Comparator.comparingInt(
                    (Report.IpEntry e) -> SummaryCounts.riskRank("public".equals(e.scope()), e.verdict()))
            .thenComparing(Comparator.comparingInt((Report.IpEntry e) ->
                            e.virustotal() == null ? 0 : e.virustotal().malicious())
                    .reversed())
            .thenComparing(Comparator.comparingLong(Report.IpEntry::requests).reversed())
            .thenComparing(e -> IpAddressParser.parse(e.ip()), Comparator.nullsLast(Comparator.naturalOrder()));

    private static Report.Intel intelSection(
            ReputationLookups.Outcome intel,
            List<Provider> providers,
            OfflineIntel offline,
            Map<String, Long> sourceMatches) {
        IntelStats stats = intel.stats();
        List<Blocklist> blocklists = offline.userFeeds();
        VerdictPolicy policy = providers.stream()
                .map(Provider::policy)
                .filter(VerdictPolicy.class::isInstance)
                .map(VerdictPolicy.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("every v1 report describes VirusTotal's policy"));
        AbuseIpDbPolicy abusePolicy = providers.stream()
                .map(Provider::policy)
                .filter(AbuseIpDbPolicy.class::isInstance)
                .map(AbuseIpDbPolicy.class::cast)
                .findFirst()
                .orElse(null);
        return new Report.Intel(
                intel.status().label(),
                blocklists.stream().map(Blocklist::name).toList(),
                new Report.Policy(
                        policy.maliciousEngines(),
                        policy.maliciousEnginesWithBadReputation(),
                        policy.suspiciousEngines(),
                        BLOCKLIST_RULE,
                        ANONYMISER_RULE,
                        VERIFIED_CRAWLER_RULE,
                        SHARED_INFRASTRUCTURE_RULE,
                        abusePolicy == null ? null : abusePolicy.maliciousScore(),
                        abusePolicy == null ? null : abusePolicy.suspiciousScore(),
                        providers.size() > 1 ? CombinedLookups.RULE : null),
                blocklists.stream()
                        .map(list -> new Report.FeedSource(
                                list.name(),
                                list.entries().size(),
                                list.ignoredSpecialPurpose(),
                                list.ignoredInvalid(),
                                sourceMatches.getOrDefault(list.name(), 0L)))
                        .toList(),
                new Report.Cache(stats.cacheHits(), stats.cacheStored(), stats.cacheError()),
                new Report.Budget(
                        stats.requestsPerDay(),
                        stats.spentToday(),
                        stats.spentThisRun(),
                        stats.exhaustedUntil() == null
                                ? null
                                : stats.exhaustedUntil().toString()),
                offline.sources().stream()
                        .map(state -> new Report.PublicSourceState(
                                state.id(),
                                state.kind(),
                                state.state(),
                                state.fetchedAt(),
                                state.entries(),
                                state.reason(),
                                sourceMatches.getOrDefault(state.id(), 0L)))
                        .toList(),
                intel.providers().containsKey(Provider.ABUSEIPDB)
                        ? providerRun(intel.providers().get(Provider.ABUSEIPDB))
                        : null);
    }

    private static Report.ProviderRun providerRun(ReputationLookups.Outcome outcome) {
        IntelStats stats = outcome.stats();
        return new Report.ProviderRun(
                outcome.status().label(),
                new Report.Cache(stats.cacheHits(), stats.cacheStored(), stats.cacheError()),
                new Report.Budget(
                        stats.requestsPerDay(),
                        stats.spentToday(),
                        stats.spentThisRun(),
                        stats.exhaustedUntil() == null
                                ? null
                                : stats.exhaustedUntil().toString()));
    }

    private static Map<IpScope, Assessment> notLookedUp() {
        Map<IpScope, Assessment> answers = new EnumMap<>(IpScope.class);
        for (IpScope scope : IpScope.values()) {
            answers.put(
                    scope,
                    Assessment.skipped("not a public address (" + scope.label() + "); only public IPs are looked up"));
        }
        return answers;
    }

    /** What the offline sources say of one public address besides a verdict. */
    private record Labels(Infrastructure infrastructure, String anonymiser, Network asn) {
        static final Labels NONE = new Labels(null, null, null);

        static Labels of(IpAddress ip, OfflineIntel offline) {
            Infrastructure infrastructure = offline.infrastructure(ip).orElse(null);
            String anonymiser = offline.anonymiser(ip).orElse(null);
            Network asn = offline.network(ip).orElse(null);
            return infrastructure == null && anonymiser == null && asn == null
                    ? NONE
                    : new Labels(infrastructure, anonymiser, asn);
        }

        void countInto(Map<String, Long> sourceMatches) {
            if (infrastructure != null) {
                sourceMatches.merge(infrastructure.source(), 1L, Long::sum);
            }
            if (anonymiser != null) {
                sourceMatches.merge(anonymiser, 1L, Long::sum);
            }
            if (asn != null) {
                sourceMatches.merge("asn", 1L, Long::sum);
            }
        }

        Report.Network network() {
            return asn == null ? null : new Report.Network(asn.asn(), asn.name(), asn.country());
        }

        Report.Infrastructure infrastructureReport() {
            return infrastructure == null
                    ? null
                    : new Report.Infrastructure(
                            infrastructure.provider(),
                            infrastructure.service(),
                            infrastructure.kind().label(),
                            infrastructure.source(),
                            infrastructure.note());
        }

        List<String> labelList() {
            return anonymiser == null ? null : List.of(anonymiser + "_exit");
        }
    }

    /**
     * The ranked entries as report records made one at a time while the writer streams them: a report on
     * 100 k IPs never exists whole in memory.
     */
    private static List<Report.IpEntry> lazily(List<RankedIp> ranked) {
        return new AbstractList<>() {
            @Override
            public Report.IpEntry get(int index) {
                return ranked.get(index).toReport();
            }

            @Override
            public int size() {
                return ranked.size();
            }
        };
    }

    /** Busiest first; {@code untracked} last. */
    private static List<Report.Aggregated> aggregated(TrafficScan scan, OfflineIntel offline) {
        if (scan.aggregated().isEmpty()) {
            return null;
        }
        return scan.aggregated().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, ClientActivity> e) ->
                                e.getKey().equals(TrafficScan.UNTRACKED))
                        .thenComparing(e -> e.getValue().requests(), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> aggregatedEntry(e.getKey(), e.getValue(), offline))
                .toList();
    }

    private static Report.Aggregated aggregatedEntry(String network, ClientActivity activity, OfflineIntel offline) {
        String blocklist = null;
        Report.Network asn = null;
        if (!network.equals(TrafficScan.UNTRACKED)) {
            Cidr cidr = Cidr.parse(network);
            Optional<String> atFirst = offline.blocklist(cidr.network());
            if (atFirst.isPresent() && atFirst.equals(offline.blocklist(cidr.lastAddress()))) {
                blocklist = atFirst.get();
            }
            asn = offline.network(cidr.network())
                    .map(found -> new Report.Network(found.asn(), found.name(), found.country()))
                    .orElse(null);
        }
        return new Report.Aggregated(
                network,
                activity.requests(),
                activity.bytes(),
                RankedIp.timestamp(activity.firstSeen()),
                RankedIp.timestamp(activity.lastSeen()),
                RankedIp.signalsOf(activity),
                blocklist,
                asn);
    }

    private static Map<String, Long> formatCounts(TrafficScan scan) {
        Map<String, Long> counts = new TreeMap<>();
        scan.formats().forEach((format, lines) -> counts.put(format.label(), lines));
        return counts;
    }

    private record RankedIp(
            IpAddress ip, IpScope scope, ClientActivity activity, Assessment assessment, Labels labels) {

        /** Most dangerous first ({@link SummaryCounts#riskRank}), then by malicious engines and requests. */
        static final Comparator<RankedIp> BY_RISK = Comparator.comparingInt(RankedIp::riskRank)
                .thenComparing(
                        Comparator.comparingInt(RankedIp::maliciousEngines).reversed())
                .thenComparing(
                        Comparator.comparingLong((RankedIp e) -> e.activity().requests())
                                .reversed())
                .thenComparing(RankedIp::ip);

        int riskRank() {
            return SummaryCounts.riskRank(scope.isPublic(), assessment.verdict().label());
        }

        int maliciousEngines() {
            return assessment.reputation() == null ? 0 : assessment.reputation().malicious();
        }

        Report.IpEntry toReport() {
            return new Report.IpEntry(
                    ip.toString(),
                    ip.version(),
                    scope.label(),
                    activity.requests(),
                    timestamp(activity.firstSeen()),
                    timestamp(activity.lastSeen()),
                    assessment.verdict().label(),
                    new Report.Lookup(
                            assessment.status().label(),
                            assessment.reason(),
                            assessment.source(),
                            assessment.checkedAt() == null
                                    ? null
                                    : assessment.checkedAt().toString()),
                    virusTotal(),
                    proxy(),
                    activity.relayedRequests() == 0 ? null : activity.relayedRequests(),
                    activityReport(),
                    signals(),
                    labels.infrastructureReport(),
                    labels.labelList(),
                    labels.network(),
                    ReportBuilder.abuseIpDb(ip.toString(), assessment),
                    providerAnswers(assessment));
        }

        private Report.Activity activityReport() {
            ActivityDetail detail = activity.detail();
            if (detail == null) {
                return new Report.Activity(activity.bytes(), null, null, null, null, null);
            }
            long start = detail.hourlyStart();
            return new Report.Activity(
                    activity.bytes(),
                    detail.statusClasses(),
                    detail.methods(),
                    counted(detail.topPaths()),
                    counted(detail.topUserAgents()),
                    start == ClientActivity.NO_TIME
                            ? null
                            : new Report.Hourly(UtcSeconds.format(start), detail.hourly()));
        }

        private static List<Report.Counted> counted(List<TopN.Entry> entries) {
            return entries.stream()
                    .map(e -> new Report.Counted(e.value(), e.count()))
                    .toList();
        }

        private Map<String, Integer> signals() {
            return signalsOf(activity);
        }

        static Map<String, Integer> signalsOf(ClientActivity activity) {
            Map<Signal, Integer> counts = activity.signals();
            if (counts.isEmpty()) {
                return null;
            }
            Map<String, Integer> named = new LinkedHashMap<>();
            counts.forEach((signal, count) -> named.put(signal.label(), count));
            return named;
        }

        private Report.Proxy proxy() {
            if (activity.forwardedRequests() == 0) {
                return null;
            }
            return new Report.Proxy(
                    activity.forwardedRequests(),
                    activity.via().entrySet().stream()
                            .sorted(Map.Entry.<IpAddress, Long>comparingByValue()
                                    .reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .map(hop -> new Report.ProxyHop(hop.getKey().toString(), hop.getValue()))
                            .toList());
        }

        private Report.VirusTotal virusTotal() {
            return ReportBuilder.virusTotal(ip.toString(), assessment.reputation());
        }

        static String timestamp(long epochSecond) {
            return epochSecond == ClientActivity.NO_TIME ? null : UtcSeconds.format(epochSecond);
        }
    }
}
