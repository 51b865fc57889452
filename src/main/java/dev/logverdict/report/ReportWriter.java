package dev.logverdict.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;

/** Serialises a report as UTF-8 JSON onto a stream, never as one big string. */
public final class ReportWriter {

    private final ObjectMapper mapper = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Report report, OutputStream out) throws IOException {
        mapper.writeValue(out, report);
    }
}
