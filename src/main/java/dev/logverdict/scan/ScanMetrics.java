package dev.logverdict.scan;

import dev.logverdict.report.Report;

/** Where each scan's figures go for operators (dashboards, alarms): one record per scanned object. */
public interface ScanMetrics {

    /**
     * @param bytesRead   decompressed bytes read from the object
     * @param scanMillis  reading and parsing the object
     * @param lookupMillis offline sources, cache and reputation lookups
     * @param reportMillis building and writing the report and the files beside it
     */
    record ScanMeasurement(
            String bucket,
            String key,
            long bytesRead,
            Report.Summary summary,
            long scanMillis,
            long lookupMillis,
            long reportMillis) {}

    void record(ScanMeasurement measurement);
}
