package dev.logverdict.report.export;

import dev.logverdict.report.Report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The findings object: one gzip-compressed JSON line per client of a report, in its risk order, for
 * Athena (the OpenX JSON SerDe reads {@code .gz} objects line by line).
 */
public final class FindingsWriter {

    private final GzipJsonLines lines = new GzipJsonLines();

    /** @return the number of lines written */
    public long write(Report report, String reportBucket, String reportKey, OutputStream out) throws IOException {
        return lines.write(
                report.ips().stream()
                        .map(entry -> Finding.of(entry, report, reportBucket, reportKey))
                        .iterator(),
                out);
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
