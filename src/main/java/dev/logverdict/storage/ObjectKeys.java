package dev.logverdict.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where logs are read from and reports go, and which keys the function must leave alone. A key under the
 * report prefix is never scanned, even when the report prefix sits inside the input prefix, so the
 * function cannot feed on its own output.
 * <p>
 * No two inputs share an output: every output is the input's path plus one of {@link #OUTPUT_SUFFIXES},
 * none of which ends another, so two different paths never meet; and when reports of several input buckets
 * go to one report bucket ({@code withBucketInKey}), the input bucket is part of the path.
 */
public record ObjectKeys(String inputPrefix, String reportPrefix, boolean withBucketInKey) {

    /** The JSON report, the HTML page and the exports: no one of them is a suffix of another. */
    public static final List<String> OUTPUT_SUFFIXES =
            List.of(".json", ".html", ".waf-ipv4.txt", ".waf-ipv6.txt", ".guardduty.txt", ".stix");

    public ObjectKeys(String inputPrefix, String reportPrefix) {
        this(inputPrefix, reportPrefix, false);
    }

    /** S3 event keys are form-URL-encoded: '+' is a space, %2B a plus. Empty when not decodable. */
    public static Optional<String> decodeEventKey(String encoded) {
        try {
            return Optional.of(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses settings where the function's own objects (cache, blocklists) would lie under the input
     * prefix — they would be scanned as logs — or the input prefix under one of them. The report prefix may
     * sit inside the input prefix: keys under it are never scanned.
     *
     * @param owned the function's prefixes by setting name, e.g. {@code logverdict.cache-prefix}
     * @throws IllegalArgumentException naming the settings that overlap
     */
    public static void requireSeparate(String inputPrefix, Map<String, String> owned) {
        owned.forEach((setting, prefix) -> {
            if (prefix.startsWith(inputPrefix) || inputPrefix.startsWith(prefix)) {
                throw new IllegalArgumentException(
                        setting + "='" + prefix + "' and logverdict.input-prefix='" + inputPrefix
                                + "' overlap: objects the function writes there would be scanned as logs, or logs read as its own;"
                                + " give them prefixes that do not start with each other");
            }
        });
    }

    /** Why a key must not be scanned, or empty when it should be. */
    public Optional<String> reasonToIgnore(String key) {
        if (key.startsWith(reportPrefix)) {
            return Optional.of("key is under the report prefix '" + reportPrefix + "' (a report, never scanned)");
        }
        if (!key.startsWith(inputPrefix)) {
            return Optional.of("key is outside the input prefix '" + inputPrefix + "'");
        }
        if (key.endsWith("/")) {
            return Optional.of("key is a folder marker");
        }
        return Optional.empty();
    }

    /**
     * The findings object of a report: under {@code findingsPrefix}, in the Hive-style partition of its day
     * ({@code dt=2026-12-05/}), then the report's own path, so each object version has exactly one.
     *
     * @param outputKeyBase the report's key without its suffix ({@link #outputKeyBaseFor})
     */
    public String findingsKeyFor(String findingsPrefix, LocalDate day, String outputKeyBase) {
        if (!outputKeyBase.startsWith(reportPrefix)) {
            throw new IllegalArgumentException(outputKeyBase + " is not under the report prefix " + reportPrefix);
        }
        return findingsPrefix + "dt=" + day + "/" + outputKeyBase.substring(reportPrefix.length()) + ".jsonl.gz";
    }

    public String reportKeyFor(String inputBucket, String inputKey) {
        return outputKeyBaseFor(inputBucket, inputKey) + ".json";
    }

    /** The report's key without its suffix; the HTML page and the exports add theirs. */
    public String outputKeyBaseFor(String inputBucket, String inputKey) {
        return reportPrefix + (withBucketInKey ? inputBucket + "/" : "") + inputKey.substring(inputPrefix.length());
    }
}
