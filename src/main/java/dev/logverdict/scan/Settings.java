package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.AbuseIpDbPolicy;
import dev.logverdict.intel.VerdictPolicy;
import dev.logverdict.ip.TrustedProxies;
import dev.logverdict.log.LogFormat;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.report.ocsf.SecurityLakeLocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings objects the use cases run with, built once from {@link LogVerdictConfig}: its
 * {@code @WithDefault}s are the only defaults (tests build from the same mapping).
 */
@ApplicationScoped
public class Settings {

    @Produces
    @Singleton
    ScanOptions scanOptions(LogVerdictConfig config) {
        return scanOptionsOf(config);
    }

    /** Reads the scan settings once, failing at start-up on a value that cannot work. */
    public static ScanOptions scanOptionsOf(LogVerdictConfig config) {
        Optional<LogFormat> format = config.logFormat().equals("auto")
                ? Optional.empty()
                : Optional.of(LogFormat.byLabel(config.logFormat())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "logverdict.log-format=" + config.logFormat() + " is not one of auto, "
                                        + Arrays.stream(LogFormat.values())
                                                .filter(f -> f != LogFormat.UNKNOWN)
                                                .map(LogFormat::label)
                                                .collect(Collectors.joining(", ")))));
        return new ScanOptions(
                config.maxLineBytes(),
                config.malformedSamples(),
                config.maxNonIpClients(),
                format,
                config.jsonIpField(),
                TrustedProxies.of(config.trustedProxies()),
                config.scanAllFields(),
                config.maxIpsElsewhere(),
                config.maxDetailedIps(),
                config.maxTrackedIps(),
                config.maxUncompressedBytes());
    }

    /** VirusTotal's thresholds ({@code logverdict.policy.*}). */
    public static VerdictPolicy verdictPolicyOf(LogVerdictConfig config) {
        return new VerdictPolicy(
                config.policy().maliciousEngines(),
                config.policy().maliciousEnginesWithBadReputation(),
                config.policy().suspiciousEngines());
    }

    /**
     * Security Lake's custom source ({@code logverdict.ocsf.security-lake.*}), when one is set: its location
     * with the partition's region (the function's when unset) and account, checked at start-up.
     */
    public static Optional<SecurityLakeLocation> securityLakeOf(LogVerdictConfig config) {
        LogVerdictConfig.SecurityLake settings = config.ocsf().securityLake();
        return settings.location()
                .map(location -> SecurityLakeLocation.parse(
                        location,
                        settings.region()
                                .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                                .orElseThrow(() -> new IllegalStateException(
                                        "no region for Security Lake: set logverdict.ocsf.security-lake.region")),
                        settings.accountId()
                                .orElseThrow(() -> new IllegalStateException(
                                        "logverdict.ocsf.security-lake.account-id names the accountId partition"))));
    }

    /** AbuseIPDB's thresholds ({@code logverdict.abuseipdb.*-score}). */
    public static AbuseIpDbPolicy abuseIpDbPolicyOf(LogVerdictConfig config) {
        return new AbuseIpDbPolicy(
                config.abuseIpDb().maliciousScore(), config.abuseIpDb().suspiciousScore());
    }
}
