package dev.logverdict.report.ocsf.parquet;

import dev.logverdict.report.SampleReports;
import dev.logverdict.report.ocsf.DetectionFindings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function ships without Hadoop (hadoop-client-api is a compile-time dependency only): writing the
 * Parquet file must not load one Hadoop class. The tests' own class path has Hadoop, so this one writes in
 * a JVM whose class path does not.
 */
class HadoopFreeParquetTest {

    /** Entry point of the child JVM: writes the sample's detections and prints the byte count. */
    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DetectionFindingParquet()
                .write(DetectionFindings.of(SampleReports.mixedVerdicts(), "soc-logs", "reports/web.log.json"), out);
        System.out.println("wrote " + out.size());
    }

    @Test
    void writesParquetWithNoHadoopOnTheClassPath() throws Exception {
        String testClassPath = System.getProperty("java.class.path");
        assertThat(testClassPath).as("the tests' class path, which has Hadoop").contains("hadoop-client-api");
        String classPath = Arrays.stream(testClassPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("hadoop-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("hadoop-client-api");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        HadoopFreeParquetTest.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).as(output).containsPattern("wrote [1-9][0-9]*");
        assertThat(List.of(output.split("\n"))).noneMatch(line -> line.contains("org/apache/hadoop"));
    }
}
