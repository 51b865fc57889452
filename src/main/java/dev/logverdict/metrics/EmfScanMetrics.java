package dev.logverdict.metrics;

import dev.logverdict.lambda.RequestContext;
import dev.logverdict.scan.ScanMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Writes each scan's EMF record straight to standard output, as one line of its own: CloudWatch extracts
 * metrics only from a line that is the JSON object itself, not one wrapped by a log formatter.
 */
@ApplicationScoped
public class EmfScanMetrics implements ScanMetrics {

    private final Clock clock;
    private final String functionName;

    public EmfScanMetrics(Clock clock) {
        this.clock = clock;
        this.functionName = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local");
    }

    @Override
    public void record(ScanMeasurement measurement) {
        String line = EmbeddedMetricFormat.line(measurement, functionName, RequestContext.requestId(), clock.instant());
        PrintStream out = System.out;
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
