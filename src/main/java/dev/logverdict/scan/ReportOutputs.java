package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.export.BlocklistExport;
import dev.logverdict.report.export.FindingsWriter;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.report.export.StixBundle;
import dev.logverdict.report.export.StixExport;
import dev.logverdict.report.export.WafIpSet;
import dev.logverdict.report.view.HtmlReportRenderer;
import dev.logverdict.report.view.ReportViews;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Writes the files that go beside the JSON report: the HTML page and the blocklist exports, as configured. */
@ApplicationScoped
public class ReportOutputs {

    static final String HTML = ".html";
    static final String HTML_KIND = "html";
    static final String WAF_IPV4 = ".waf-ipv4.txt";
    static final String WAF_IPV6 = ".waf-ipv6.txt";
    static final String GUARDDUTY = ".guardduty.txt";
    // Not ".stix.json": the JSON report of an input named "x.stix" would be that file (see ObjectKeys).
    static final String STIX = ".stix";
    private static final String TEXT = "text/plain;charset=utf-8";

    static final String FINDINGS_KIND = "findings";

    private final ObjectStore store;
    private final HtmlReportRenderer htmlRenderer;
    private final LogVerdictConfig.Outputs settings;
    private final String findingsPrefix;
    private final ObjectKeys keys;
    private final Clock clock;
    private final ReportWriter writer = new ReportWriter();
    private final FindingsWriter findingsWriter = new FindingsWriter();

    public ReportOutputs(ObjectStore store, HtmlReportRenderer htmlRenderer, LogVerdictConfig config, Clock clock) {
        this.store = store;
        this.htmlRenderer = htmlRenderer;
        this.settings = config.outputs();
        this.findingsPrefix = config.findingsPrefix();
        this.keys = new ObjectKeys(config.inputPrefix(), config.reportPrefix());
        this.clock = clock;
    }

    /**
     * @param keyBase the JSON report's key without ".json"; each output appends its own suffix
     * @return what was written, for the report's {@code outputs} list
     */
    public List<Report.Output> write(
            Report report, MaliciousAddresses allMalicious, String bucket, String keyBase, String jsonKey)
            throws IOException {
        List<Report.Output> written = new ArrayList<>();
        MaliciousAddresses malicious = allMalicious.blockable();
        if (settings.html()) {
            byte[] page = htmlRenderer.render(ReportViews.of(report, settings.htmlMaxRows(), jsonKey));
            written.add(put(bucket, keyBase + HTML, "text/html;charset=utf-8", page, HTML_KIND, null));
        }
        if (settings.wafIpSets()) {
            written.add(putWafIpSet(
                    bucket,
                    keyBase + WAF_IPV4,
                    WafIpSet.of(malicious.addressesByRisk(4), WafIpSet.MAX_ENTRIES),
                    "waf-ipv4"));
            written.add(putWafIpSet(
                    bucket,
                    keyBase + WAF_IPV6,
                    WafIpSet.of(malicious.addressesByRisk(6), WafIpSet.MAX_ENTRIES),
                    "waf-ipv6"));
        }
        if (settings.guarddutyThreatIntelSet()) {
            List<IpAddress> all = malicious.addresses();
            written.add(put(
                    bucket, keyBase + GUARDDUTY, TEXT, BlocklistExport.guardDutyThreatIntelSet(all), "guardduty", (long)
                            all.size()));
        }
        if (settings.findings()) {
            String key = keys.findingsKeyFor(findingsPrefix, FindingsWriter.partitionDay(report), keyBase);
            long[] lines = new long[1];
            store.write(
                    bucket,
                    key,
                    "application/gzip",
                    out -> lines[0] = findingsWriter.write(report, bucket, jsonKey, out));
            written.add(new Report.Output(FINDINGS_KIND, bucket, key, lines[0]));
        }
        if (settings.stix()) {
            StixBundle bundle = StixExport.bundle(malicious, report, clock.instant(), settings.stixValidFor());
            store.write(bucket, keyBase + STIX, "application/stix+json;version=2.1", out -> writer.write(bundle, out));
            written.add(new Report.Output(
                    "stix", bucket, keyBase + STIX, (long) malicious.offenders().size()));
        }
        return written;
    }

    private Report.Output putWafIpSet(String bucket, String key, WafIpSet set, String kind) throws IOException {
        store.write(bucket, key, TEXT, out -> out.write(set.text()));
        return new Report.Output(
                kind, bucket, key, (long) set.cidrs().size(), (long) set.addresses(), (long) set.omittedAddresses());
    }

    private Report.Output put(String bucket, String key, String contentType, byte[] body, String kind, Long entries)
            throws IOException {
        store.write(bucket, key, contentType, out -> out.write(body));
        return new Report.Output(kind, bucket, key, entries);
    }
}
