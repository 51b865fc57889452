package dev.logverdict.support;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.AbuseIpDbPolicy;
import dev.logverdict.intel.IntelSettings;
import dev.logverdict.intel.VerdictPolicy;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.scan.LookupEngine;
import dev.logverdict.scan.Settings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settings objects as the function builds them from its configuration with nothing set: the
 * {@code @WithDefault}s of {@link LogVerdictConfig} are the only defaults, in tests too.
 */
public final class TestSettings {

    private static final LogVerdictConfig DEFAULTS = configWith(Map.of());
    private static final Map<List<String>, ScanOptions> SCAN_OPTIONS = new ConcurrentHashMap<>();
    /** The longest one lookup takes with the REST clients' default timeouts (connect plus read). */
    private static final long WORST_CASE_LOOKUP_MILLIS = 25_000;

    private TestSettings() {}

    public static LogVerdictConfig config() {
        return DEFAULTS;
    }

    /** The settings with some {@code logverdict.} keys set, as {@code "blocklist.window=1d"}. */
    public static LogVerdictConfig config(String... settings) {
        Map<String, String> values = new HashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            values.put("logverdict." + setting.substring(0, equals), setting.substring(equals + 1));
        }
        return configWith(values);
    }

    public static ScanOptions scanOptions() {
        return Settings.scanOptionsOf(DEFAULTS);
    }

    /**
     * The scan settings with some {@code logverdict.} keys set, as {@code "max-tracked-ips=1000"}: a test
     * states the setting a user would, and the rest keep their defaults. Built once per list of settings.
     */
    public static ScanOptions scanOptions(String... settings) {
        return SCAN_OPTIONS.computeIfAbsent(
                List.of(settings), list -> Settings.scanOptionsOf(config(list.toArray(String[]::new))));
    }

    private static LogVerdictConfig configWith(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(LogVerdictConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(values)
                .build()
                .getConfigMapping(LogVerdictConfig.class);
    }

    public static VerdictPolicy verdictPolicy() {
        return Settings.verdictPolicyOf(DEFAULTS);
    }

    public static AbuseIpDbPolicy abuseIpDbPolicy() {
        return Settings.abuseIpDbPolicyOf(DEFAULTS);
    }

    public static IntelSettings intelSettings() {
        return LookupEngine.settings(DEFAULTS.virustotal(), DEFAULTS, WORST_CASE_LOOKUP_MILLIS);
    }
}
