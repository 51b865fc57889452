package dev.logverdict.bench;

import dev.logverdict.support.S3ProxyResource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up cost as Lambda's java21 runtime pays it: the packaged function (target/function.zip, unpacked)
 * started by the AWS runtime interface client with Lambda's JVM flags, polling a local Runtime API, reading
 * a real S3 server. Prints process start → first poll, first invocation, warm invocation.
 *
 * <p>Arguments: runs, then extra JVM flags (e.g. -XX:SharedArchiveFile=target/logverdict.jsa).
 */
public final class StartupBench {

    private static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> extraFlags = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        Path function = Path.of(System.getProperty("function.dir", "target/function"));
        if (!Files.isDirectory(function)) {
            throw new IllegalStateException("unzip target/function.zip into target/function first (see docs/performance.md)");
        }
        S3ProxyResource s3proxy = new S3ProxyResource();
        Map<String, String> s3Config = s3proxy.start();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(s3Config.get("quarkus.s3.endpoint-override")))
                .forcePathStyle(true).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        s3Config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"),
                        s3Config.get("quarkus.s3.aws.credentials.static-provider.secret-access-key"))))
                .build()) {
            s3.putObject(b -> b.bucket(S3ProxyResource.BUCKET).key("logs/demo/access.log"),
                    RequestBody.fromFile(Path.of("docs/examples/access.log")));
            String event = Files.readString(Path.of("events/s3-put.json"));
            System.out.printf("flags: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC %s%n", String.join(" ", extraFlags));
            for (int run = 1; run <= runs; run++) {
                measure(run, function, extraFlags, s3Config, event);
            }
        } finally {
            s3proxy.stop();
        }
    }

    private static void measure(int run, Path function, List<String> extraFlags, Map<String, String> s3Config, String event)
            throws Exception {
        try (LocalRuntimeApi api = new LocalRuntimeApi()) {
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xshare:auto"));
            command.addAll(extraFlags);
            // Lambda's class path is /var/task:/var/task/lib/*; class-data sharing archives only classes from jars,
            // so the jars-only layout (app classes in lib/app.jar) leaves the directory out.
            String taskRoot = Boolean.getBoolean("function.jars-only") ? "" : function + File.pathSeparator;
            command.addAll(List.of("-cp", taskRoot + function.resolve("lib") + File.separator + "*"
                    + File.pathSeparator + ricJar(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/startup-bench-function.log"));
            Map<String, String> env = builder.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("_HANDLER", HANDLER);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "logverdict");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_REGION", "us-east-1");
            env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", s3Config.get("quarkus.s3.endpoint-override"));
            env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
            env.put("QUARKUS_S3_AWS_REGION", "us-east-1");
            env.put("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static");
            env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", s3Config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"));
            env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", s3Config.get("quarkus.s3.aws.credentials.static-provider.secret-access-key"));
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                long firstPoll = api.firstPoll().get(60, TimeUnit.SECONDS);
                long sent = System.nanoTime();
                String first = api.invoke(event).get(60, TimeUnit.SECONDS);
                long firstDone = System.nanoTime();
                long warmStart = System.nanoTime();
                api.invoke(event).get(60, TimeUnit.SECONDS);
                long warmDone = System.nanoTime();
                // A shutdown as Lambda's (SIGTERM), so a training run can write its class-data archive.
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
                if (!first.contains("reportKey")) {
                    throw new IllegalStateException("unexpected response: " + first);
                }
                System.out.printf("run %d: start→first poll %d ms, first invocation %d ms (start→first event handled %d ms), warm invocation %d ms%n",
                        run, ms(firstPoll - start), ms(firstDone - sent), ms(firstDone - start), ms(warmDone - warmStart));
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The runtime interface client and its serialization library, as the java21 runtime image ships them. */
    private static String ricJar() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-runtime-interface-client") || entry.contains("aws-lambda-java-serialization")) {
                jars.add(entry);
            }
        }
        if (jars.size() != 2) {
            throw new IllegalStateException("runtime interface client or serialization jar missing from the class path");
        }
        return String.join(File.pathSeparator, jars);
    }
}
