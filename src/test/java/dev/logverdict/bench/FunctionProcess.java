package dev.logverdict.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The packaged function as Lambda's java21 runtime runs it: target/function.zip unpacked, started by the
 * AWS runtime interface client with Lambda's JVM flags, polling a local Runtime API.
 */
final class FunctionProcess implements AutoCloseable {

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private final Process process;

    private FunctionProcess(Process process) {
        this.process = process;
    }

    /**
     * Unzips target/function.zip into {@code dir}, as Lambda unpacks it into /var/task; again whenever the
     * zip changed since (a stale unpacked function would test old code).
     */
    static Path unpacked(Path zip, Path dir) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: run ./mvnw package first");
        }
        Path stamp = dir.resolve(".unpacked-from");
        String zipStamp = Files.getLastModifiedTime(zip).toMillis() + " " + Files.size(zip);
        if (Files.isDirectory(dir.resolve("lib"))
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(zipStamp)) {
            return dir;
        }
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(stamp, zipStamp);
        return dir;
    }

    /**
     * @param jarsOnly leave the task root directory off the class path (for class-data sharing archives)
     */
    static FunctionProcess start(
            Path function,
            LocalRuntimeApi api,
            Map<String, String> env,
            List<String> jvmFlags,
            boolean jarsOnly,
            Path log)
            throws IOException {
        // The JIT and collector flags come from template.yaml's JAVA_TOOL_OPTIONS, set below as Lambda sets
        // it (it overrides Lambda's own C1-only default); flags given here come after it, so they win.
        // Lambda's microVM has the function's memory: the JVM sizes its initial heap and its other defaults
        // from that, not from this machine's memory.
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-Xshare:auto", "-XX:MaxRAM=" + memoryMegabytes() + "m", "-Xmx" + heapMegabytes() + "m"));
        command.addAll(jvmFlags);
        String taskRoot = jarsOnly ? "" : function + File.pathSeparator;
        command.addAll(List.of(
                "-cp",
                taskRoot + function.resolve("lib") + File.separator + "*" + File.pathSeparator + ricJar(),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                HANDLER));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("_HANDLER", HANDLER);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "logverdict");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMegabytes()));
        environment.put("AWS_REGION", "us-east-1");
        environment.put("JAVA_TOOL_OPTIONS", templateJavaToolOptions());
        environment.putAll(env);
        return new FunctionProcess(builder.start());
    }

    /** The function's memory setting: {@code -Dfunction.memoryMb}, 1,024 MB unless given. */
    static int memoryMegabytes() {
        return Integer.getInteger("function.memoryMb", 1024);
    }

    /** The heap Lambda's java runtime gives a function: 85 % of its memory. */
    static int heapMegabytes() {
        return memoryMegabytes() * 85 / 100;
    }

    /** The JVM variant's JAVA_TOOL_OPTIONS from template.yaml: the flags the deployed function runs with. */
    static String templateJavaToolOptions() throws IOException {
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS: !If \\[IsJvm, \"([^\"]+)\"")
                .matcher(Files.readString(Path.of("template.yaml")));
        if (!options.find()) {
            throw new IllegalStateException("template.yaml sets no JAVA_TOOL_OPTIONS for the JVM variant");
        }
        return options.group(1);
    }

    /** The function's settings for a local S3 server (the quarkus.s3.* keys as environment variables). */
    static Map<String, String> s3Environment(Map<String, String> s3Config) {
        Map<String, String> env = new HashMap<>();
        s3Config.forEach((key, value) -> {
            if (key.startsWith("quarkus.s3.")) {
                env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value);
            }
        });
        return env;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The process's peak resident set (VmHWM) so far, in KB, from /proc (Linux). */
    long peakResidentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmHWM for process " + process.pid());
    }

    /** CPU time the process has used so far, all its threads, user and system; -1 where the OS does not say. */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /** Resident set size in KB, from /proc (Linux). */
    long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    /** Stops it as Lambda does (SIGTERM), then forcibly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The runtime interface client and its serialization library, as the java21 runtime image ships them. */
    static String ricJar() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-runtime-interface-client")
                    || entry.contains("aws-lambda-java-serialization")) {
                jars.add(entry);
            }
        }
        if (jars.size() != 2) {
            throw new IllegalStateException(
                    "runtime interface client or serialization jar missing from the class path");
        }
        return String.join(File.pathSeparator, jars);
    }
}
