package dev.logverdict.report.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.logverdict.report.Report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client of one scanned log, as a line of the findings object that Athena queries across every report
 * (contract: finding-v1.schema.json; written in snake_case). Flat where a SOC query filters or groups, so
 * no UNNEST is needed for the everyday questions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        String ip,
        int ipVersion,
        String scope,
        String verdict,
        String lookupStatus,
        String lookupReason,
        String lookupSource,
        String checkedAt,
        Map<String, ProviderAnswer> providers,
        Integer virustotalMalicious,
        Integer virustotalSuspicious,
        Integer virustotalReputation,
        Integer abuseipdbScore,
        Integer abuseipdbReports,
        String infrastructureProvider,
        String infrastructureService,
        String infrastructureKind,
        List<String> labels,
        Long asn,
        String asName,
        String country,
        long requests,
        Long bytes,
        Long relayedRequests,
        Map<String, Long> statuses,
        Map<String, Long> methods,
        Map<String, Integer> signals,
        List<Report.Counted> topPaths,
        String firstSeen,
        String lastSeen,
        String logBucket,
        String logKey,
        String logVersionId,
        String logEtag,
        String logLastModified,
        String reportBucket,
        String reportKey,
        String generatedAt) {

    /** One provider's own answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProviderAnswer(String verdict, String status, String reason, String checkedAt) {}

    /** The finding for one client of a report. */
    public static Finding of(Report.IpEntry entry, Report report, String reportBucket, String reportKey) {
        Report.Source source = report.source();
        Report.Lookup lookup = entry.lookup();
        Report.VirusTotal virusTotal = entry.virustotal();
        Report.AbuseIpDb abuseIpDb = entry.abuseipdb();
        Report.Infrastructure infrastructure = entry.infrastructure();
        Report.Network network = entry.network();
        Report.Activity activity = entry.activity();
        return new Finding(
                entry.ip(),
                entry.version(),
                entry.scope(),
                entry.verdict(),
                lookup == null ? null : lookup.status(),
                lookup == null ? null : lookup.reason(),
                lookup == null ? null : lookup.source(),
                lookup == null ? null : lookup.checkedAt(),
                providers(entry.providers()),
                virusTotal == null ? null : virusTotal.malicious(),
                virusTotal == null ? null : virusTotal.suspicious(),
                virusTotal == null ? null : virusTotal.reputation(),
                abuseIpDb == null ? null : abuseIpDb.abuseConfidenceScore(),
                abuseIpDb == null ? null : abuseIpDb.totalReports(),
                infrastructure == null ? null : infrastructure.provider(),
                infrastructure == null ? null : infrastructure.service(),
                infrastructure == null ? null : infrastructure.kind(),
                entry.labels(),
                network == null ? null : network.asn(),
                network == null ? null : network.name(),
                country(network, virusTotal, abuseIpDb),
                entry.requests(),
                activity == null ? null : activity.bytes(),
                entry.relayedRequests(),
                activity == null ? null : activity.statuses(),
                activity == null ? null : activity.methods(),
                entry.signals(),
                activity == null ? null : activity.topPaths(),
                entry.firstSeen(),
                entry.lastSeen(),
                source.bucket(),
                source.key(),
                source.versionId(),
                source.eTag(),
                source.lastModified(),
                reportBucket,
                reportKey,
                report.generatedAt());
    }

    /** Where the address is registered: the ASN table first, then what a provider said. */
    private static String country(Report.Network network, Report.VirusTotal virusTotal, Report.AbuseIpDb abuseIpDb) {
        if (network != null && network.country() != null && !network.country().isEmpty()) {
            return network.country();
        }
        if (virusTotal != null && virusTotal.country() != null) {
            return virusTotal.country();
        }
        return abuseIpDb == null ? null : abuseIpDb.countryCode();
    }

    private static Map<String, ProviderAnswer> providers(Map<String, Report.ProviderAnswer> answers) {
        if (answers == null) {
            return null;
        }
        Map<String, ProviderAnswer> providers = new LinkedHashMap<>();
        answers.forEach((name, answer) -> providers.put(
                name, new ProviderAnswer(answer.verdict(), answer.status(), answer.reason(), answer.checkedAt())));
        return providers;
    }
}
