package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.log.bytes.SipHash;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs built to collide: 10,000 IPv6 clients of one /64 and 10,000 paths, each set in one slot of the
 * scan's tables under the unkeyed hashes it used before (files under {@code hostile/}, made by
 * {@link UnkeyedHashes#main}). Under those hashes every insertion walked every earlier one. What is
 * asserted is the cause of the cost, the longest run of used slots a search can walk, not a time: the
 * time of such a scan against random inputs is in docs/performance.md (HashFloodBench).
 */
class HashFloodTest {

    /** Far above what random inputs reach in these tables, far below the fixtures' 10,000. */
    private static final int SHORT_RUN = 64;

    private static List<IpAddress> collidingClients;
    private static List<String> collidingPaths;

    @BeforeAll
    static void readFixtures() throws IOException {
        collidingClients = lines("hostile/colliding-ipv6.txt").stream()
                .map(IpAddressParser::parse)
                .toList();
        collidingPaths = lines("hostile/colliding-paths.txt");
    }

    @Test
    void theFixturesFillOneSlotUnderTheUnkeyedHashes() {
        assertThat(collidingClients)
                .hasSize(10_000)
                .doesNotHaveDuplicates()
                .allMatch(ip -> ip.toString().startsWith("2001:db8:bad:f00d:"))
                .allMatch(ip -> UnkeyedHashes.mix(ip.high(), ip.low()) == 0);
        assertThat(collidingPaths).hasSize(10_000).doesNotHaveDuplicates().allMatch(path -> {
            byte[] b = path.getBytes(StandardCharsets.US_ASCII);
            return UnkeyedHashes.pathTableSlot(UnkeyedHashes.hash(b, 0, b.length)) == 0;
        });
    }

    @Test
    void collidingClientsSpreadAsRandomOnesDo() {
        Random random = new Random(9);
        List<IpAddress> randomClients = new ArrayList<>();
        for (int i = 0; i < collidingClients.size(); i++) {
            randomClients.add(IpAddress.ofV6(0x20010db80badf00dL, random.nextLong()));
        }
        int crafted = longestClientRun(collidingClients);
        int ordinary = longestClientRun(randomClients);
        assertThat(crafted).isLessThanOrEqualTo(SHORT_RUN);
        assertThat(ordinary).isLessThanOrEqualTo(SHORT_RUN);
    }

    @Test
    void collidingPathsAreAllSharedAndSpread() {
        SipHash hashing = SipHash.keyedBy(new Random());
        SharedTexts paths = new SharedTexts(200_000, 200);
        for (String path : collidingPaths) {
            byte[] b = path.getBytes(StandardCharsets.US_ASCII);
            assertThat(paths.share(hashing.hash(b, 0, b.length) | 1, b, 0, b.length))
                    .as(path)
                    .isTrue();
        }
        assertThat(paths.longestRun()).isLessThanOrEqualTo(SHORT_RUN);
    }

    @Test
    void aSearchVisitsAtMostMaxProbesSlotsEvenWhenEveryTextHasTheSameSlot() {
        // Hashes the attacker could not aim, forced here: 1,024 different keys, one slot (the key bits
        // between the slot's and those folded into it vary).
        SharedTexts paths = new SharedTexts(200_000, 200);
        int shared = 0;
        for (int i = 0; i < 1024; i++) {
            byte[] b = collidingPaths.get(i).getBytes(StandardCharsets.US_ASCII);
            long key = (long) i << 19;
            shared += paths.share(key << 28 | 1, b, 0, b.length) ? 1 : 0;
        }
        // The first MAX_PROBES fill one run; later ones give up at its end instead of walking on.
        assertThat(shared).isEqualTo(SharedTexts.MAX_PROBES);
        assertThat(paths.longestRun()).isEqualTo(SharedTexts.MAX_PROBES);
    }

    @Test
    void aScanOfCollidingClientsAndPathsCountsEachAsItself() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < collidingClients.size(); i++) {
            log.append(line(collidingClients.get(i).toString(), collidingPaths.get(i)));
        }
        // The pair that shared a hash before: each is itself, in either order.
        log.append(line("198.51.100.7", "/index.html"))
                .append(line("198.51.100.7", "/.git/config////wLNT4UF~/upzojrj"));
        log.append(line("198.51.100.8", "/.git/config////wLNT4UF~/upzojrj"))
                .append(line("198.51.100.8", "/index.html"));

        TrafficScan scan = new LogScanner(TestSettings.scanOptions())
                .scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.US_ASCII)));

        assertThat(scan.clients()).hasSize(collidingClients.size() + 2);
        ClientActivity first = scan.clients().get(collidingClients.get(0));
        assertThat(first.requests()).isEqualTo(1);
        assertThat(first.detail().topPaths()).containsExactly(new TopN.Entry(collidingPaths.get(0), 1));
        for (String client : List.of("198.51.100.7", "198.51.100.8")) {
            ClientActivity prober = scan.clients().get(IpAddressParser.parse(client));
            assertThat(prober.signals()).as(client).containsKey(Signal.SENSITIVE_FILE_PROBE);
            assertThat(prober.detail().topPaths())
                    .as(client)
                    .extracting(TopN.Entry::value)
                    .containsExactlyInAnyOrder("/index.html", "/.git/config////wLNT4UF~/upzojrj");
        }
    }

    private static int longestClientRun(List<IpAddress> clients) {
        ActivityContext context = new ActivityContext(new Random());
        ClientIndex table = new ClientIndex(new ClientStore(100_000, context, 1 << 20), context.addresses, 1_000_000);
        for (IpAddress client : clients) {
            table.findOrAdd(client.high(), client.low(), client.version());
        }
        assertThat(table).hasSize(clients.size());
        return table.longestRun();
    }

    private static String line(String client, String path) {
        return client + " - - [27/Nov/2026:10:00:00 +0000] \"GET " + path + " HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n";
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = HashFloodTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .toList();
        }
    }
}
