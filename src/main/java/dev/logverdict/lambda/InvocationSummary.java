package dev.logverdict.lambda;

import dev.logverdict.scan.ScanOutcome;

import java.util.List;

/** The function's answer: the reports written and the records left alone, with why. */
public record InvocationSummary(List<ScanOutcome> scanned, List<Ignored> ignored) {

    public record Ignored(String bucket, String key, String reason) {
    }
}
