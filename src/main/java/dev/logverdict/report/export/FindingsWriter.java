package dev.logverdict.report.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.logverdict.report.Report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The findings object: one gzip-compressed JSON line per client of a report, in its risk order, for
 * Athena (the OpenX JSON SerDe reads {@code .gz} objects line by line).
 */
public final class FindingsWriter {

    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** @return the number of lines written */
    public long write(Report report, String reportBucket, String reportKey, OutputStream out) throws IOException {
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
            for (Report.IpEntry entry : report.ips()) {
                writer.write(Finding.of(entry, report, reportBucket, reportKey));
                lines++;
            }
        }
        if (lines > 0) {
            gzip.write('\n');
        }
        gzip.finish();
        return lines;
    }

    /**
     * The day a report's findings are filed under: the day (UTC) the store took in that version of the log,
     * so a refresh or a redelivered event of the same version replaces its findings rather than adding a
     * second copy on another day; the scan's day when the store did not say.
     */
    public static LocalDate partitionDay(Report report) {
        String taken = report.source().lastModified();
        Instant instant = Instant.parse(taken != null ? taken : report.generatedAt());
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
