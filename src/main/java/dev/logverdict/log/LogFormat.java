package dev.logverdict.log;

import java.util.Arrays;
import java.util.Optional;

/** Formats the scanner recognises, by the name the report and {@code logverdict.log-format} use. */
public enum LogFormat {
    COMMON("common"),
    COMBINED("combined"),
    VHOST_COMBINED("vhost_combined"),
    VHOST_COMBINED_NO_PORT("vhost_combined_no_port"),
    ALB("alb"),
    ELB("elb"),
    CLOUDFRONT("cloudfront"),
    S3_ACCESS("s3"),
    JSON("json"),
    UNKNOWN("unknown");

    private final String label;

    LogFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<LogFormat> byLabel(String label) {
        return Arrays.stream(values())
                .filter(f -> f.label.equals(label) && f != UNKNOWN)
                .findFirst();
    }
}
