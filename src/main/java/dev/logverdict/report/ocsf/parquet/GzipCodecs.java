package dev.logverdict.report.ocsf.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet's GZIP codec on the JDK's own deflater. Parquet's default codec factory goes through Hadoop's
 * compression classes, which would bring the Hadoop client (and its native-library loading) into the
 * function for one stream format the JDK already has.
 */
public final class GzipCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        requireGzip(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput page) throws IOException {
                ByteArrayOutputStream compressed = new ByteArrayOutputStream((int) Math.min(page.size(), 1 << 20));
                try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                    page.writeAllTo(gzip);
                }
                return BytesInput.from(compressed.toByteArray());
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.GZIP;
            }

            @Override
            public void release() {
                // Nothing pooled.
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        requireGzip(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput page, int uncompressedSize) throws IOException {
                try (InputStream gzip = new GZIPInputStream(page.toInputStream())) {
                    return BytesInput.from(gzip.readNBytes(uncompressedSize));
                }
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] bytes = new byte[compressedSize];
                input.get(bytes);
                try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    output.put(gzip.readNBytes(uncompressedSize));
                }
            }

            @Override
            public void release() {
                // Nothing pooled.
            }
        };
    }

    @Override
    public void release() {
        // Nothing pooled.
    }

    private static void requireGzip(CompressionCodecName codec) {
        if (codec != CompressionCodecName.GZIP) {
            throw new IllegalArgumentException("only GZIP is provided, not " + codec);
        }
    }
}
