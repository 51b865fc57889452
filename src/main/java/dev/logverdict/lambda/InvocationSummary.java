package dev.logverdict.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.logverdict.scan.BlocklistUpdate;
import dev.logverdict.scan.DrainService;
import dev.logverdict.scan.ScanOutcome;

import java.util.List;

/**
 * The function's answer: the reports written, the records left alone (with why), what a drain did, and
 * what the rolling blocklist's upkeep did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvocationSummary(
        List<ScanOutcome> scanned,
        List<Ignored> ignored,
        List<DrainService.DrainOutcome> drained,
        List<BlocklistUpdate.Outcome> blocklist) {

    public InvocationSummary(
            List<ScanOutcome> scanned, List<Ignored> ignored, List<DrainService.DrainOutcome> drained) {
        this(scanned, ignored, drained, null);
    }

    public record Ignored(String bucket, String key, String reason) {}
}
