package dev.logverdict.report.export;

import dev.logverdict.intel.Verdict;
import dev.logverdict.intel.sources.Infrastructure;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.report.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a firewall should block: the report's malicious verdicts, re-parsed and re-classified so
 * that no private, reserved or otherwise non-public address can ever reach an export, whatever the report
 * says.
 */
public record MaliciousAddresses(List<Offender> offenders) {

    /** A malicious client with what the exports and alerts say about it. */
    public record Offender(IpAddress ip, Report.IpEntry entry) {}

    public static MaliciousAddresses of(Report report) {
        List<Offender> offenders = new ArrayList<>();
        // The report ranks malicious verdicts first, so the walk stops at the first other verdict.
        for (Report.IpEntry entry : report.ips()) {
            if (!Verdict.MALICIOUS.label().equals(entry.verdict())) {
                break;
            }
            IpAddress ip = IpAddressParser.parse(entry.ip());
            if (ip != null && ScopeClassifier.classify(ip).isPublic()) {
                offenders.add(new Offender(ip, entry));
            }
        }
        return new MaliciousAddresses(List.copyOf(offenders));
    }

    /**
     * The offenders a firewall may block: without CDN edge addresses (blocking one blocks every user behind
     * that edge) and without anything inside a verified crawler's ranges.
     */
    public MaliciousAddresses blockable() {
        return new MaliciousAddresses(offenders.stream()
                .filter(offender -> {
                    Report.Infrastructure infrastructure = offender.entry().infrastructure();
                    return infrastructure == null
                            || !(CDN.equals(infrastructure.kind()) || VERIFIED_CRAWLER.equals(infrastructure.kind()));
                })
                .toList());
    }

    private static final String CDN = Infrastructure.Kind.CDN.label();
    private static final String VERIFIED_CRAWLER = Infrastructure.Kind.VERIFIED_CRAWLER.label();

    public List<IpAddress> addresses(int version) {
        return offenders.stream()
                .map(Offender::ip)
                .filter(ip -> ip.version() == version)
                .sorted()
                .toList();
    }

    /** One family's addresses in the report's risk order, most dangerous first. */
    public List<IpAddress> addressesByRisk(int version) {
        return offenders.stream()
                .map(Offender::ip)
                .filter(ip -> ip.version() == version)
                .toList();
    }

    public List<IpAddress> addresses() {
        return offenders.stream().map(Offender::ip).sorted().toList();
    }

    public boolean isEmpty() {
        return offenders.isEmpty();
    }
}
