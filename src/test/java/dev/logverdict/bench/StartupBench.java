package dev.logverdict.bench;

import dev.logverdict.support.LocalS3;
import dev.logverdict.support.S3ProxyResource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up cost as Lambda's java21 runtime pays it: the packaged function (target/function.zip, unpacked)
 * started by the AWS runtime interface client with Lambda's JVM flags, polling a local Runtime API, reading
 * a real S3 server. Prints process start → first poll, first invocation, then each warm invocation
 * ({@code -Dstartup.warmInvocations}, 5 by default; {@code -Dfunction.dir} runs another unpacked build).
 *
 * <p>Arguments: runs, then extra JVM flags (e.g. -XX:SharedArchiveFile=target/logverdict.jsa).
 */
public final class StartupBench {

    /** Warm invocations after the first: Lambda keeps an environment for many, and the JIT keeps compiling. */
    private static final int WARM_INVOCATIONS = Integer.getInteger("startup.warmInvocations", 5);

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> extraFlags = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        // The zip as packaged, unpacked again whenever it changed (a stale copy would time old code);
        // -Dfunction.dir runs a directory as it is instead (another build, the jars-only layout).
        String dir = System.getProperty("function.dir");
        Path function = dir != null
                ? Path.of(dir)
                : FunctionProcess.unpacked(Path.of("target/function.zip"), Path.of("target/startup-function"));
        if (!Files.isDirectory(function)) {
            throw new IllegalStateException(function + " is not an unpacked function (see docs/performance.md)");
        }
        try (LocalS3 server = new LocalS3();
                S3Client s3 = server.client()) {
            s3.putObject(
                    b -> b.bucket(S3ProxyResource.BUCKET).key("logs/demo/access.log"),
                    RequestBody.fromFile(Path.of("docs/examples/access.log")));
            String event = Files.readString(Path.of("events/s3-put.json"));
            System.out.printf(
                    "flags: JAVA_TOOL_OPTIONS=%s %s%n",
                    FunctionProcess.templateJavaToolOptions(), String.join(" ", extraFlags));
            for (int run = 1; run <= runs; run++) {
                measure(run, function, extraFlags, server.config(), event);
            }
        }
    }

    private static void measure(
            int run, Path function, List<String> extraFlags, Map<String, String> s3Config, String event)
            throws Exception {
        try (LocalRuntimeApi api = new LocalRuntimeApi()) {
            long start = System.nanoTime();
            // Lambda's class path is /var/task:/var/task/lib/*; class-data sharing archives only classes from jars,
            // so the jars-only layout (app classes in lib/app.jar) leaves the directory out.
            FunctionProcess process = FunctionProcess.start(
                    function,
                    api,
                    FunctionProcess.s3Environment(s3Config),
                    extraFlags,
                    Boolean.getBoolean("function.jars-only"),
                    Path.of("target/startup-bench-function.log"));
            try {
                long firstPoll = api.firstPoll().get(60, TimeUnit.SECONDS);
                long sent = System.nanoTime();
                String first = api.invoke(event).get(60, TimeUnit.SECONDS);
                long firstDone = System.nanoTime();
                long[] warm = new long[WARM_INVOCATIONS];
                for (int i = 0; i < warm.length; i++) {
                    long warmStart = System.nanoTime();
                    api.invoke(event).get(60, TimeUnit.SECONDS);
                    warm[i] = System.nanoTime() - warmStart;
                }
                if (!first.contains("reportKey")) {
                    throw new IllegalStateException("unexpected response: " + first);
                }
                System.out.printf(
                        "run %d: start→first poll %d ms, first invocation %d ms (start→first event handled %d ms), warm invocations %s ms%n",
                        run,
                        ms(firstPoll - start),
                        ms(firstDone - sent),
                        ms(firstDone - start),
                        Arrays.stream(warm).map(StartupBench::ms).boxed().toList());
            } finally {
                // A shutdown as Lambda's (SIGTERM), so a training run can write its class-data archive.
                process.close();
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
