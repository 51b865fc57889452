package dev.logverdict.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed report schema (draft 2020-12), with format assertions on, as every test applies it. */
public final class ReportSchema {

    private static final Schema SCHEMA = load("/schema/report-v1.schema.json");
    private static final Schema ALERT_SCHEMA = load("/schema/alert-v1.schema.json");
    private static final Schema STIX_SCHEMA = load("/stix/indicator-bundle.schema.json");
    private static final Schema FINDING_SCHEMA = load("/schema/finding-v1.schema.json");
    private static final Schema OCSF_DETECTION_FINDING = load("/ocsf/1.1.0/detection_finding.schema.json");

    private ReportSchema() {}

    public static List<Error> errors(String json) {
        return SCHEMA.validate(
                json,
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    public static void assertValid(String json) {
        assertThat(errors(json))
                .as("report must validate against report-v1.schema.json")
                .isEmpty();
    }

    public static void assertValidAlert(String json) {
        assertThat(ALERT_SCHEMA.validate(
                        json,
                        InputFormat.JSON,
                        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true))))
                .as("alert must validate against alert-v1.schema.json")
                .isEmpty();
    }

    /** One line of a findings object against finding-v1.schema.json. */
    public static List<Error> findingErrors(String line) {
        return FINDING_SCHEMA.validate(
                line,
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    /** One OCSF record against the OCSF 1.1.0 Detection Finding subset (test resource). */
    public static List<Error> ocsfErrors(String json) {
        return OCSF_DETECTION_FINDING.validate(
                json,
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    /** The STIX 2.1 bundle subset the exports use (test resource, after the STIX 2.1 specification). */
    public static List<Error> stixErrors(String json) {
        return STIX_SCHEMA.validate(
                json,
                InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    private static Schema load(String resource) {
        try (InputStream in = ReportSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
