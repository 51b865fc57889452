package dev.logverdict.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logverdict.report.Report;
import dev.logverdict.scan.ScanMetrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format record per scan: a single JSON line whose {@code _aws} member tells
 * CloudWatch Logs which of its top-level numbers are metrics. CloudWatch extracts it from the function's log
 * without any API call; Logs Insights can query the same line (request id, bucket, key).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
public final class EmbeddedMetricFormat {

    static final String NAMESPACE = "logverdict";
    static final String DIMENSION = "FunctionName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedMetricFormat() {}

    /** The metrics of one scan, by name, with their CloudWatch units. */
    static Map<String, Metric> metrics(ScanMetrics.ScanMeasurement measurement) {
        Report.Summary summary = measurement.summary();
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("BytesScanned", new Metric(measurement.bytesRead(), "Bytes"));
        metrics.put("Lines", new Metric(summary.lines(), "Count"));
        metrics.put("MalformedLines", new Metric(summary.malformedLines(), "Count"));
        metrics.put("UniqueIps", new Metric(summary.uniqueIps(), "Count"));
        metrics.put("PublicIps", new Metric(summary.publicIps(), "Count"));
        metrics.put("LookedUp", new Metric(summary.lookedUp(), "Count"));
        metrics.put("FromCache", new Metric(summary.fromCache(), "Count"));
        metrics.put("FromFeeds", new Metric(summary.fromFeeds(), "Count"));
        metrics.put("NotChecked", new Metric(summary.notChecked(), "Count"));
        metrics.put("Malicious", new Metric(summary.malicious(), "Count"));
        metrics.put("Coverage", new Metric(summary.coverage() * 100, "Percent"));
        metrics.put("ScanTime", new Metric(measurement.scanMillis(), "Milliseconds"));
        metrics.put("LookupTime", new Metric(measurement.lookupMillis(), "Milliseconds"));
        metrics.put("ReportTime", new Metric(measurement.reportMillis(), "Milliseconds"));
        return metrics;
    }

    record Metric(double value, String unit) {}

    /**
     * @param functionName the dimension, so two stacks in one account keep their figures apart
     * @param requestId    the invocation's id (null outside Lambda), for finding the scan's log lines
     */
    public static String line(
            ScanMetrics.ScanMeasurement measurement, String functionName, String requestId, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", at.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        ArrayNode definitions = directive.putArray("Metrics");
        root.put(DIMENSION, functionName);
        metrics(measurement).forEach((name, metric) -> {
            definitions.addObject().put("Name", name).put("Unit", metric.unit());
            if (metric.value() == Math.rint(metric.value())) {
                root.put(name, (long) metric.value());
            } else {
                root.put(name, metric.value());
            }
        });
        if (requestId != null) {
            root.put("requestId", requestId);
        }
        root.put("bucket", measurement.bucket());
        root.put("key", measurement.key());
        return root.toString();
    }
}
