package dev.logverdict.report.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SequenceWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Records as gzip-compressed JSON lines with snake_case names: the layout Athena's JSON SerDe and most SIEM
 * collectors read line by line.
 */
public final class GzipJsonLines {

    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** @return the number of lines written */
    public long write(Iterator<?> records, OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                // The fastest level: the report phase is on the invocation's clock, and the larger object
                // costs less to send than the stronger levels cost to make (docs/performance.md).
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        long lines = 0;
        try (SequenceWriter writer =
                mapper.writer().withRootValueSeparator("\n").writeValues(gzip)) {
            while (records.hasNext()) {
                writer.write(records.next());
                lines++;
            }
        }
        if (lines > 0) {
            gzip.write('\n');
        }
        gzip.finish();
        return lines;
    }

    /** The mapper the lines are written with, for readers that must agree with it. */
    public ObjectMapper mapper() {
        return mapper;
    }
}
