package dev.logverdict.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.logverdict.report.export.StixBundle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Serialises a report (and its STIX export) as UTF-8 JSON onto a stream, never as one big string. */
public final class ReportWriter {

    /** The files written beside a report, given once they all are; a write that failed is thrown here. */
    @FunctionalInterface
    public interface WrittenOutputs {
        List<Report.Output> await() throws IOException;
    }

    // Compact: reports on many IPs run to tens of MB; `jq .` pretty-prints one for reading.
    private final ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public void write(Report report, OutputStream out) throws IOException {
        mapper.writeValue(out, report);
    }

    /**
     * Writes the report with its {@code outputs} (its last field) asked for only when everything before
     * them is written: a large report is sent while the files it lists are still being written.
     */
    public void write(Report report, WrittenOutputs outputs, OutputStream out) throws IOException {
        try {
            mapper.writeValue(out, new OutputsLast(report.withOutputs(null), outputs));
        } catch (OutputsFailed e) {
            throw e.uncheckedCause();
        }
    }

    /** The STIX export, written with the same settings. */
    public void write(StixBundle bundle, OutputStream out) throws IOException {
        mapper.writeValue(out, bundle);
    }

    /** A report without its outputs, then the outputs once written: the same JSON as the whole report. */
    public record OutputsLast(
            @JsonUnwrapped Report report,
            @JsonSerialize(using = AwaitedOutputs.class) WrittenOutputs outputs) {}

    /** Waits for the outputs where the JSON reaches them. */
    public static final class AwaitedOutputs extends StdSerializer<WrittenOutputs> {

        public AwaitedOutputs() {
            super(WrittenOutputs.class);
        }

        @Override
        public void serialize(WrittenOutputs outputs, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            List<Report.Output> written;
            try {
                written = outputs.await();
            } catch (RuntimeException e) {
                // Jackson would wrap it in a serialisation error; the caller gets it as it was thrown.
                throw new OutputsFailed(e);
            }
            provider.defaultSerializeValue(written, json);
        }
    }

    private static final class OutputsFailed extends IOException {
        OutputsFailed(RuntimeException cause) {
            super(cause);
        }

        RuntimeException uncheckedCause() {
            return (RuntimeException) getCause();
        }
    }
}
