package dev.logverdict.log;

import dev.logverdict.ip.TrustedProxies;

import java.util.Optional;

/**
 * How a log is read, and the caps that keep memory bounded by what a report can show.
 *
 * @param format        a fixed format, or empty to recognise it line by line
 * @param jsonClientField the JSON field holding the client address, or empty for the usual names
 * @param scanAllFields also collect addresses written in request targets and referrers (never user agents)
 * @param maxDetailedIps clients that get top paths, agents, hourly series…; later ones get counts only
 * @param maxTrackedIps  addresses counted one by one; later ones are counted by network (/64, /24)
 * @param maxUncompressedBytes reading stops here (decompression bombs), and the report says so
 */
public record ScanOptions(
        int maxLineBytes,
        int malformedSamples,
        int maxNonIpClients,
        Optional<LogFormat> format,
        Optional<String> jsonClientField,
        TrustedProxies trustedProxies,
        boolean scanAllFields,
        int maxIpsElsewhere,
        int maxDetailedIps,
        int maxTrackedIps,
        long maxUncompressedBytes) {}
