package dev.logverdict.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.logverdict.scan.DrainService;
import dev.logverdict.scan.ScanOutcome;

import java.util.List;

/** The function's answer: the reports written, the records left alone (with why), what a drain did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvocationSummary(
        List<ScanOutcome> scanned, List<Ignored> ignored, List<DrainService.DrainOutcome> drained) {

    public record Ignored(String bucket, String key, String reason) {}
}
