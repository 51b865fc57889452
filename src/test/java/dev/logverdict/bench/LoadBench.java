package dev.logverdict.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The load and soak run as a command that prints figures (docs/reliability.md).
 *
 * <p>Arguments: processes, objects [, ips per object, lines per object]. Needs target/function.zip.
 */
public final class LoadBench {

    private LoadBench() {}

    public static void main(String[] args) throws Exception {
        int processes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int ipsPerObject = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int lines = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Path function = FunctionProcess.unpacked(Path.of("target/function.zip"), Path.of("target/load-function"));
        LoadHarness.Result result = LoadHarness.run(new LoadHarness.Settings(
                processes, objects, ipsPerObject, 20, lines, function, Math.max(1, objects / processes / 10)));
        System.out.printf(
                "processes %d, objects %d (%d lines, %d + 3 shared IPs each)%n",
                processes, objects, lines, ipsPerObject);
        System.out.printf(
                "invocations %d, failed %d, reports lost %d, wall %d ms, latency p50 %d ms, p95 %d ms%n",
                result.invocations(),
                result.failedInvocations(),
                result.reportsLost(),
                result.wallMillis(),
                result.p50Millis(),
                result.p95Millis());
        System.out.printf(
                "public IPs %d, cached %d, VirusTotal requests %d (duplicates from racing processes %d), ledger %d%n",
                result.distinctPublicIps(),
                result.cachedIps(),
                result.virusTotalRequests(),
                result.duplicateLookups(),
                result.ledgerSpent());
        for (Map.Entry<Long, List<Long>> process : result.residentKbByProcess().entrySet()) {
            System.out.printf(
                    "pid %d RSS (KB) every %d invocations: %s%n",
                    process.getKey(), Math.max(1, objects / processes / 10), process.getValue());
        }
        System.out.printf("violations: %d%n", result.violations().size());
        result.violations().forEach(violation -> System.out.println("  " + violation));
        // Exit explicitly: server threads of S3Proxy and WireMock would keep the JVM up.
        System.exit(result.violations().isEmpty() ? 0 : 1);
    }
}
