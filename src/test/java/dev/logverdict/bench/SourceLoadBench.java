package dev.logverdict.bench;

import dev.logverdict.PublicSources;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.network.AsnTable;
import dev.logverdict.intel.sources.PublicSource;
import dev.logverdict.intel.sources.SourceData;
import dev.logverdict.intel.sources.SourceKind;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.support.TestSettings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the ASN table costs, on a table of the real one's size in its real format (iptoasn.com's
 * ip2asn-combined.tsv.gz, generated: IPv4 and IPv6 rows, some unrouted, tens of thousands of AS names):
 * the scheduled run's parse, the stored size, a scan's load from the stored form, the heap the loaded
 * table keeps, and lookups per second. Run it with Lambda's flags for Lambda's figures:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/classes:target/test-classes:<deps>
 * dev.logverdict.bench.SourceLoadBench [v4Rows] [v6Rows]} (see docs/performance.md).
 */
public final class SourceLoadBench {

    /** The ASN source as the function's defaults have it (id, kind and format decide where and how it is stored). */
    static final PublicSource ASN = PublicSources.enabled(TestSettings.config().sources()).stream()
            .filter(source -> source.kind() == SourceKind.ENRICHMENT)
            .findFirst()
            .orElseThrow();

    /** The published table's row counts (IPv4, IPv6), about 11 MB gzip. */
    static final int PUBLISHED_V4_ROWS = 520_000;

    static final int PUBLISHED_V6_ROWS = 140_000;

    private SourceLoadBench() {}

    /** A download in iptoasn.com's format (gzip TSV), the same one for the same row counts. */
    static byte[] asnDownload(int v4Rows, int v6Rows) throws IOException {
        return gzip(table(v4Rows, v6Rows, new SplittableRandom(7)));
    }

    public static void main(String[] args) throws Exception {
        rangeLists();
        int v4Rows = args.length > 0 ? Integer.parseInt(args[0]) : PUBLISHED_V4_ROWS;
        int v6Rows = args.length > 1 ? Integer.parseInt(args[1]) : PUBLISHED_V6_ROWS;
        byte[] download = asnDownload(v4Rows, v6Rows);
        System.out.printf("download: %,d rows, %,d bytes gzip%n", v4Rows + v6Rows, download.length);

        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            SourceData.Networks parsed = (SourceData.Networks) ASN.format().parse(ASN, download);
            long parseMillis = (System.nanoTime() - start) / 1_000_000;

            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(stored)) {
                parsed.table().writeTo(gzip);
            }
            parsed = null;
            long before = usedHeap();
            start = System.nanoTime();
            AsnTable loaded =
                    AsnTable.readFrom(new GZIPInputStream(new ByteArrayInputStream(stored.toByteArray()), 1 << 16));
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            long retained = usedHeap() - before;

            SplittableRandom random = new SplittableRandom(round);
            int found = 0;
            int lookups = 2_000_000;
            start = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                found += loaded.lookup(IpAddress.ofV4(random.nextInt())).isPresent() ? 1 : 0;
            }
            double perSecond = lookups / ((System.nanoTime() - start) / 1e9);
            System.out.printf(
                    "round %d: parse %,d ms; stored %,d bytes; load %,d ms; retained heap %,d MB; %,.0f lookups/s (%d%% found)%n",
                    round, parseMillis, stored.size(), loadMillis, retained >> 20, perSecond, found * 100L / lookups);
        }
    }

    /**
     * The range lists together, at about the published sizes (AWS's ip-ranges.json is the largest), in their
     * stored form: what a scan reads and indexes once per container and per download.
     */
    private static void rangeLists() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder stored = new StringBuilder();
        int ranges = 15_000;
        for (int i = 0; i < ranges; i++) {
            if (i % 4 == 0) {
                stored.append(IpAddress.ofV6(0x2600_1f00_0000_0000L + ((long) random.nextInt(1 << 20) << 24), 0))
                        .append("/40");
            } else {
                stored.append(IpAddress.ofV4((int) (0x0300_0000L + random.nextLong(0xD000_0000L)) & 0xFFFF_FF00))
                        .append("/24");
            }
            stored.append('\t')
                    .append("aws/")
                    .append(i % 3 == 0 ? "AMAZON" : "EC2")
                    .append('\n');
        }
        byte[] text = stored.toString().getBytes(StandardCharsets.UTF_8);
        for (int round = 1; round <= 3; round++) {
            long before = usedHeap();
            long start = System.nanoTime();
            SourceData.Ranges loaded = new SourceData.Ranges(Blocklist.readLabelled(
                    "aws", new InputStreamReader(new ByteArrayInputStream(text), StandardCharsets.UTF_8)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            long retained = usedHeap() - before;
            System.out.printf(
                    "range lists round %d: %,d ranges, %,d bytes stored; read and index %,d ms; retained heap %,d MB%n",
                    round, loaded.entries(), text.length, millis, retained >> 20);
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Consecutive ranges over the address space, as the real table has them, one in twelve unrouted. */
    static byte[] table(int v4Rows, int v6Rows, SplittableRandom random) {
        StringBuilder out = new StringBuilder(v4Rows * 48 + v6Rows * 80);
        long next = 1L << 24;
        long step = ((0xE0000000L - next) / v4Rows);
        for (int i = 0; i < v4Rows; i++) {
            long end = next + 1 + random.nextLong(step - 1);
            out.append(IpAddress.ofV4((int) next))
                    .append('\t')
                    .append(IpAddress.ofV4((int) end))
                    .append('\t');
            row(out, random);
            next = end + 1;
        }
        long high = 0x2001_0000_0000_0000L;
        for (int i = 0; i < v6Rows; i++) {
            long span = 1 + random.nextInt(1 << 16);
            out.append(IpAddress.ofV6(high, 0))
                    .append('\t')
                    .append(IpAddress.ofV6(high + span - 1, -1L))
                    .append('\t');
            row(out, random);
            high += span;
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, SplittableRandom random) {
        if (random.nextInt(12) == 0) {
            out.append("0\tNone\tNot routed\n");
            return;
        }
        int asn = 1 + random.nextInt(80_000);
        out.append(asn)
                .append('\t')
                .append((char) ('A' + asn % 26))
                .append((char) ('A' + asn / 26 % 26))
                .append('\t')
                .append("NETWORK-")
                .append(asn)
                .append(" Example Networks Ltd\n");
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }
}
