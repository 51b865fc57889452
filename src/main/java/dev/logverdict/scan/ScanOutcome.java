package dev.logverdict.scan;

import dev.logverdict.report.Report;

import java.util.List;

/** What one scanned object produced: where its report is and the report's summary counts. */
public record ScanOutcome(
        String sourceBucket,
        String sourceKey,
        String reportBucket,
        String reportKey,
        String virustotal,
        Report.Summary summary,
        List<Report.Output> outputs,
        AlertOutcome alert) {}
