package dev.logverdict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.LocalS3;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.VirusTotalBodies;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Several function processes (each the packaged function under the runtime interface client, serving one
 * event at a time, as Lambda runs it) scanning different objects at once against S3Proxy and WireMock's
 * VirusTotal; then every report is checked against what its log held. Objects share some client IPs, so
 * the processes race on the verdict cache and the shared request budget.
 */
final class LoadHarness {

    record Settings(
            int processes,
            int objects,
            int ipsPerObject,
            int sharedIps,
            int linesPerObject,
            Path function,
            int rssSampleEvery) {}

    /** What the run did and every way it went wrong (empty {@code violations} = a clean run). */
    record Result(
            int objects,
            int invocations,
            int failedInvocations,
            int reportsLost,
            long virusTotalRequests,
            long ledgerSpent,
            long duplicateLookups,
            long cachedIps,
            long distinctPublicIps,
            long wallMillis,
            long p50Millis,
            long p95Millis,
            Map<Long, List<Long>> residentKbByProcess,
            List<String> violations) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = S3ProxyResource.BUCKET;

    private LoadHarness() {}

    static Result run(Settings settings) throws Exception {
        Map<String, Set<String>> expectedIps = new HashMap<>();
        Set<String> allIps = new TreeSet<>();
        try (LocalS3 server = new LocalS3();
                S3Client s3 = server.client()) {
            WireMockServer virusTotal =
                    new WireMockServer(wireMockConfig().dynamicPort().containerThreads(32));
            virusTotal.start();
            try {
                BlockingQueue<String> events = new LinkedBlockingQueue<>();
                for (int object = 0; object < settings.objects(); object++) {
                    String key = keyOf(object);
                    Set<String> ips = ipsOf(object, settings);
                    expectedIps.put(key, ips);
                    allIps.addAll(ips);
                    String log = logOf(ips, settings.linesPerObject());
                    String eTag = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(log))
                            .eTag()
                            .replace("\"", "");
                    events.add(S3Events.objectCreated(BUCKET, key, log.length(), eTag));
                }
                for (String ip : allIps) {
                    int malicious = isMalicious(ip) ? 5 : 0;
                    virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + ip))
                            .willReturn(aResponse()
                                    .withStatus(200)
                                    .withHeader("Content-Type", "application/json")
                                    .withBody(VirusTotalBodies.ipAddress(
                                            ip,
                                            malicious,
                                            0,
                                            60,
                                            10,
                                            malicious > 0 ? -5 : 0,
                                            "AS",
                                            64500,
                                            "NL",
                                            ip + "/32"))));
                }
                Map<String, String> env = new HashMap<>(FunctionProcess.s3Environment(server.config()));
                env.put("QUARKUS_REST_CLIENT_VIRUSTOTAL_URL", virusTotal.baseUrl());
                env.put("LOGVERDICT_VIRUSTOTAL_API_KEY", "load-test-key");
                env.put("LOGVERDICT_VIRUSTOTAL_REQUESTS_PER_MINUTE", "600000");
                env.put("LOGVERDICT_VIRUSTOTAL_REQUESTS_PER_DAY", "1000000");
                env.put("LOGVERDICT_VIRUSTOTAL_MAX_CONCURRENCY", "4");

                Files.createDirectories(Path.of("target", "load"));
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                List<String> violations = new CopyOnWriteArrayList<>();
                Map<Long, List<Long>> resident = new ConcurrentHashMap<>();
                int[] failed = {0};
                long start = System.nanoTime();
                List<Thread> workers = new ArrayList<>();
                Object startLock = new Object();
                CountDownLatch allStarted = new CountDownLatch(settings.processes());
                for (int p = 0; p < settings.processes(); p++) {
                    int index = p;
                    Thread worker = new Thread(
                            () -> serve(
                                    index,
                                    settings,
                                    env,
                                    events,
                                    latencies,
                                    violations,
                                    resident,
                                    failed,
                                    startLock,
                                    allStarted),
                            "load-worker-" + p);
                    worker.start();
                    workers.add(worker);
                }
                for (Thread worker : workers) {
                    worker.join(TimeUnit.MINUTES.toMillis(10));
                    if (worker.isAlive()) {
                        violations.add(worker.getName() + " did not finish within 10 minutes");
                        worker.interrupt();
                    }
                }
                long wall = (System.nanoTime() - start) / 1_000_000; // includes the staggered starts

                int lost = 0;
                for (Map.Entry<String, Set<String>> object : expectedIps.entrySet()) {
                    lost += checkReport(s3, object.getKey(), object.getValue(), settings.linesPerObject(), violations)
                            ? 0
                            : 1;
                }
                long vtRequests = virusTotal.getAllServeEvents().size();
                Map<String, Integer> perIp = new HashMap<>();
                virusTotal
                        .getAllServeEvents()
                        .forEach(e -> perIp.merge(e.getRequest().getUrl(), 1, Integer::sum));
                long duplicates = perIp.values().stream().mapToLong(n -> n - 1).sum();
                // Every request was granted first: one claim object per request under the day's prefix.
                String dayPrefix = "cache/_quota/virustotal/day/" + LocalDate.now(ZoneOffset.UTC) + "/";
                long spent = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(dayPrefix)).contents().stream()
                        .count();
                if (spent != vtRequests) {
                    violations.add(
                            "the shared budget says " + spent + " lookups were spent, VirusTotal saw " + vtRequests);
                }
                long cached = allIps.stream()
                        .filter(ip -> exists(s3, "cache/" + ip + ".json"))
                        .count();
                if (cached != allIps.size()) {
                    violations.add(cached + " of " + allIps.size() + " IPs are in the verdict cache");
                }
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                return new Result(
                        settings.objects(),
                        sorted.size() + failed[0],
                        failed[0],
                        lost,
                        vtRequests,
                        spent,
                        duplicates,
                        cached,
                        allIps.size(),
                        wall,
                        percentile(sorted, 50),
                        percentile(sorted, 95),
                        resident,
                        List.copyOf(violations));
            } finally {
                virusTotal.stop();
            }
        }
    }

    /** One function process and the thread that feeds it events from the shared queue, one at a time. */
    private static void serve(
            int index,
            Settings settings,
            Map<String, String> env,
            BlockingQueue<String> events,
            List<Long> latencies,
            List<String> violations,
            Map<Long, List<Long>> resident,
            int[] failed,
            Object startLock,
            CountDownLatch allStarted) {
        try (LocalRuntimeApi api = new LocalRuntimeApi()) {
            FunctionProcess function;
            // One start at a time: the runtime interface client unpacks its native library to a fixed /tmp path,
            // which Lambda gives each sandbox privately but these processes share.
            synchronized (startLock) {
                function = FunctionProcess.start(
                        settings.function(),
                        api,
                        env,
                        List.of("-XX:MaxRAM=1g"),
                        false,
                        Path.of("target", "load", "function-" + index + ".log"));
                try {
                    api.firstPoll().get(120, TimeUnit.SECONDS);
                } finally {
                    allStarted.countDown();
                }
            }
            try {
                allStarted.await(10, TimeUnit.MINUTES);
                List<Long> samples = resident.computeIfAbsent(function.pid(), pid -> new CopyOnWriteArrayList<>());
                int served = 0;
                for (String event; (event = events.poll()) != null; ) {
                    long sent = System.nanoTime();
                    try {
                        String response = api.invoke(event).get(5, TimeUnit.MINUTES);
                        latencies.add((System.nanoTime() - sent) / 1_000_000);
                        if (!response.contains("\"reportKey\"")) {
                            violations.add("process " + index + " answered without a report: " + response);
                        }
                    } catch (Exception e) {
                        synchronized (failed) {
                            failed[0]++;
                        }
                        violations.add("process " + index + " failed an invocation: " + e.getMessage());
                    }
                    if (++served % settings.rssSampleEvery() == 0) {
                        samples.add(function.residentKb());
                    }
                }
                samples.add(function.residentKb());
                if (!function.isAlive()) {
                    violations.add("process " + index + " died");
                }
            } finally {
                function.close();
            }
        } catch (Exception e) {
            violations.add("process " + index + " could not run: " + e);
        }
    }

    /** True when the report exists; every mismatch with what the log held is a violation. */
    private static boolean checkReport(
            S3Client s3, String key, Set<String> expected, int lines, List<String> violations) {
        String reportKey = "reports/" + key.substring("logs/".length()) + ".json";
        JsonNode report;
        try {
            report = JSON.readTree(
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(reportKey)).asByteArray());
        } catch (NoSuchKeyException e) {
            violations.add("report lost: " + reportKey);
            return false;
        } catch (IOException e) {
            violations.add("report unreadable: " + reportKey + ": " + e.getMessage());
            return true;
        }
        if (!key.equals(report.at("/source/key").asText())) {
            violations.add(reportKey + " is about " + report.at("/source/key").asText());
        }
        Set<String> reported = new TreeSet<>();
        report.get("ips").forEach(entry -> {
            String ip = entry.get("ip").asText();
            reported.add(ip);
            String verdict = entry.get("verdict").asText();
            String expectedVerdict = isMalicious(ip) ? "malicious" : "harmless";
            if (!verdict.equals(expectedVerdict)) {
                violations.add(reportKey + ": " + ip + " is " + verdict + " ("
                        + entry.at("/lookup/reason").asText() + "), expected " + expectedVerdict);
            }
        });
        if (!reported.equals(new TreeSet<>(expected))) {
            violations.add(reportKey + " lists " + reported + ", its log held " + new TreeSet<>(expected));
        }
        JsonNode s = report.get("summary");
        if (s.get("lines").asLong() != lines) {
            violations.add(reportKey + ": " + s.get("lines") + " lines, the log has " + lines);
        }
        long publicIps = s.get("publicIps").asLong();
        if (s.get("lookedUp").asLong()
                                + s.get("fromCache").asLong()
                                + s.get("fromFeeds").asLong()
                                + s.get("notChecked").asLong()
                        != publicIps
                || s.get("malicious").asLong()
                                + s.get("suspicious").asLong()
                                + s.get("harmless").asLong()
                                + s.get("unknown").asLong()
                                + s.get("notChecked").asLong()
                        != publicIps) {
            violations.add(reportKey + ": summary counts do not add up: " + s);
        }
        return true;
    }

    static String keyOf(int object) {
        return "logs/load/object-" + object + ".log";
    }

    /** Each object's own public IPs, plus a few drawn from a pool all objects share. */
    static Set<String> ipsOf(int object, Settings settings) {
        Set<String> ips = new LinkedHashSet<>();
        for (int i = 0; i < settings.ipsPerObject(); i++) {
            ips.add("45." + (10 + object / 250) + "." + (object % 250) + "." + (i + 1));
        }
        for (int i = 0; i < 3 && settings.sharedIps() > 0; i++) {
            ips.add("91.200.0." + (1 + (object * 7 + i) % settings.sharedIps()));
        }
        return ips;
    }

    static boolean isMalicious(String ip) {
        return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)) % 5 == 0;
    }

    private static String logOf(Set<String> ips, int lines) {
        List<String> list = new ArrayList<>(ips);
        StringBuilder log = new StringBuilder();
        for (int line = 0; line < lines; line++) {
            String ip = list.get(line % list.size());
            log.append(ip)
                    .append(" - - [27/Nov/2026:10:")
                    .append(String.format("%02d", line % 60))
                    .append(":00 +0000] \"GET /item/")
                    .append(line)
                    .append(" HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n");
        }
        return log.toString();
    }

    private static boolean exists(S3Client s3, String key) {
        try {
            s3.headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
