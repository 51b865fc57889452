package dev.logverdict.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.report.export.StixBundle;

import java.io.IOException;
import java.io.OutputStream;

/** Serialises a report (and its STIX export) as UTF-8 JSON onto a stream, never as one big string. */
public final class ReportWriter {

    // Compact: reports on many IPs run to tens of MB; `jq .` pretty-prints one for reading.
    private final ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public void write(Report report, OutputStream out) throws IOException {
        mapper.writeValue(out, report);
    }

    /** The STIX export, written with the same settings. */
    public void write(StixBundle bundle, OutputStream out) throws IOException {
        mapper.writeValue(out, bundle);
    }
}
