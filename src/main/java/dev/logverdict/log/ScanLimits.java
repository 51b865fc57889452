package dev.logverdict.log;

/** Caps that keep memory bounded by what the report can show, whatever the log holds. */
public record ScanLimits(int maxLineBytes, int malformedSamples, int maxNonIpClients) {

    public static ScanLimits defaults() {
        return new ScanLimits(1 << 20, 20, 1_000);
    }
}
