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

/**
 * The settings objects as the function builds them from its configuration with nothing set: the
 * {@code @WithDefault}s of {@link LogVerdictConfig} are the only defaults, in tests too.
 */
public final class TestSettings {

    private static final LogVerdictConfig DEFAULTS = new SmallRyeConfigBuilder()
            .withMapping(LogVerdictConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .build()
            .getConfigMapping(LogVerdictConfig.class);
    /** The longest one lookup takes with the REST clients' default timeouts (connect plus read). */
    private static final long WORST_CASE_LOOKUP_MILLIS = 25_000;

    private TestSettings() {}

    public static LogVerdictConfig config() {
        return DEFAULTS;
    }

    public static ScanOptions scanOptions() {
        return Settings.scanOptionsOf(DEFAULTS);
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
