package dev.logverdict.bench;

import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.support.TestSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Full parse with per-IP activity of a whole log file, one thread: the Lambda's ingestion path without S3.
 * Throughput in MB/s = file size / score. Run it with the README's bench command; the file comes from
 * {@link AccessLogGenerator} (not committed: about 1 GB for the README's 5 M lines).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
// The collector the function runs with (template.yaml's JAVA_TOOL_OPTIONS; Lambda gives it one vCPU anyway).
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms64m", "-XX:+UseSerialGC"})
public class LogScanBenchmark {

    @Param("/tmp/access_1g.log")
    public String file;

    private long size;

    @Setup
    public void checkFile() throws IOException {
        size = Files.size(Path.of(file));
        System.out.printf("%n[bench] %s: %,d bytes%n", file, size);
    }

    @Benchmark
    public TrafficScan scanWholeFile() throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            return new LogScanner(TestSettings.scanOptions()).scan(in);
        }
    }
}
