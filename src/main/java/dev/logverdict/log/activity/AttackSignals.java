package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.AhoCorasick;
import dev.logverdict.log.bytes.ByteSearch;
import dev.logverdict.log.bytes.ByteSlice;
import dev.logverdict.log.bytes.SipHash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Recognises attack traffic in a request target (percent-decoded, case-insensitive) and in a user agent.
 * Results are cached: user agents repeat endlessly and so do most targets, so the pattern automaton runs
 * only on text not seen recently. A cached result is used only for the same bytes, never for a text that
 * merely has the same hash, so no text can take another's signals or hide its own.
 */
public final class AttackSignals {

    static final Map<Signal, List<String>> TARGET_PATTERNS = Map.of(
            Signal.PATH_TRAVERSAL, List.of("../", "..\\", "/etc/passwd", "/etc/shadow", "win.ini", "/proc/self/"),
            Signal.SQL_INJECTION,
                    List.of(
                            "union select",
                            "union all select",
                            "' or '1'='1",
                            "' or 1=1",
                            "\" or 1=1",
                            " or 1=1",
                            "information_schema",
                            "sleep(",
                            "benchmark(",
                            "waitfor delay",
                            "extractvalue(",
                            "updatexml(",
                            "';--",
                            "1=1--",
                            "@@version"),
            Signal.SHELL_INJECTION,
                    List.of(
                            ";wget ",
                            ";curl ",
                            "|wget ",
                            "|curl ",
                            "$(",
                            "`id`",
                            ";id;",
                            "|sh",
                            "/bin/sh",
                            "/bin/bash",
                            "cmd.exe",
                            "powershell",
                            "; chmod ",
                            "&&wget",
                            "&& wget",
                            "nc -e"),
            Signal.JNDI_INJECTION, List.of("${jndi:", "${${", "${lower:", "${env:"),
            Signal.SENSITIVE_FILE_PROBE,
                    List.of(
                            "/.env",
                            "/.git/",
                            "/.git/config",
                            "/.aws/",
                            "/.ssh/",
                            "/.htpasswd",
                            "/.htaccess",
                            "/.ds_store",
                            "/config.json",
                            "/wp-config.php",
                            "/.svn/",
                            "/id_rsa",
                            "/web.config",
                            "/backup.sql",
                            "/dump.sql",
                            "/.vscode/",
                            "/server-status",
                            "/.npmrc",
                            "/.docker"),
            Signal.ADMIN_PROBE,
                    List.of(
                            "/wp-login.php",
                            "/xmlrpc.php",
                            "/wp-admin",
                            "/phpmyadmin",
                            "/pma/",
                            "/cgi-bin/",
                            "/boaform",
                            "/hnap1",
                            "/actuator",
                            "/manager/html",
                            "/solr/",
                            "/vendor/phpunit",
                            "/console/",
                            "/admin.php",
                            "/administrator/",
                            "/jenkins",
                            "/owa/",
                            "/remote/login",
                            "/autodiscover"));

    private static final List<String> SCANNER_AGENTS = List.of(
            "sqlmap",
            "nikto",
            "nmap",
            "masscan",
            "zgrab",
            "nuclei",
            "gobuster",
            "dirbuster",
            "dirb/",
            "wpscan",
            "acunetix",
            "nessus",
            "openvas",
            "hydra",
            "wfuzz",
            "ffuf",
            "feroxbuster",
            "fuzz faster u fool",
            "zmeu",
            "morfeus",
            "jorgee",
            "l9explore",
            "netsparker",
            "appscan",
            "w3af",
            "arachni",
            "skipfish",
            "whatweb",
            "httpx - open-source",
            "censysinspect",
            "xfa1",
            "havij");

    private static final AhoCorasick TARGET = automaton(TARGET_PATTERNS);
    private static final AhoCorasick AGENT = agentAutomaton();

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final SipHash identity;
    private final long placementKey;
    /** Paths; most are short, a longer one is scanned each time. */
    private final Cache targets = new Cache(1 << 14, 112);
    /** Browsers' user agents run to a few hundred bytes and repeat on every line. */
    private final Cache agents = new Cache(1 << 12, 240);

    private long lastHash;

    /**
     * @param identity the keyed hash top-N slots and shared tables know a text by
     * @param secret   where the key that places texts in the caches is drawn from
     */
    AttackSignals(SipHash identity, Random secret) {
        this.identity = identity;
        this.placementKey = secret.nextLong();
    }

    /**
     * Signals of a request target, as a bit set of {@link Signal}s. The path and the query are looked at
     * apart: paths repeat and stay cached, while query strings seldom repeat and are scanned each time (in
     * the cache they would only push paths out). No pattern holds a '?', so no match can span the two and
     * the union is what a scan of the whole target would find. Sets {@link #lastHash} to the path's.
     */
    long ofTarget(byte[] b, int from, int queryMark, int to) {
        long signals = lookUp(targets, TARGET, b, from, queryMark, true);
        if (queryMark + 1 < to) {
            signals |= TARGET.scan(b, queryMark + 1, to, true);
        }
        return signals;
    }

    /** Signals of a user agent; sets {@link #lastHash} to its. */
    long ofUserAgent(ByteSlice agent) {
        return lookUp(agents, AGENT, agent.bytes(), agent.from(), agent.to(), false);
    }

    /**
     * The {@link SipHash} of the text last looked up (of the path, for a target), never 0: what the text's
     * top-N slot and shared copy are found by. Kept from the cache, so a repeated text is hashed once.
     */
    long lastHash() {
        return lastHash;
    }

    private long lookUp(Cache cache, AhoCorasick automaton, byte[] b, int from, int to, boolean decode) {
        Objects.checkFromToIndex(from, to, b.length);
        long place = place(placementKey, b, from, to);
        int slot = cache.find(place, b, from, to);
        if (slot >= 0) {
            lastHash = cache.identity(slot);
            return cache.signals(slot);
        }
        long signals = automaton.scan(b, from, to, decode);
        lastHash = identity.hash(b, from, to) | 1;
        cache.keep(place, b, from, to, signals, lastHash);
        return signals;
    }

    /**
     * Where a text goes in a cache: a fast hash, under a secret key, of its length and of its bytes up to
     * 64, or of its first and last 32 (where texts that differ mostly differ: the path's start and
     * its file name, the browser version at the end of a user agent). A hit is confirmed by comparing
     * every byte anyway, so hashing the whole text too would only add to every line's cost. Texts that
     * collide, by chance or by design, take turns in one slot; each costs at most a scan of its own
     * bytes, never a chain.
     */
    static long place(long key, byte[] b, int from, int to) {
        int length = to - from;
        long first = key ^ length;
        long second = Long.rotateLeft(key, 32);
        if (length < 8) {
            long word = 0;
            for (int k = 0; k < length; k++) {
                word |= (b[from + k] & 0xFFL) << (k << 3);
            }
            second = step(second, word);
        } else {
            int end = length <= 64 ? to : from + 32;
            int i = from;
            for (; i <= end - 16; i += 16) {
                first = step(first, ByteSearch.wordInCheckedRange(b, i));
                second = step(second, ByteSearch.wordInCheckedRange(b, i + 8));
            }
            if (i <= end - 8) {
                first = step(first, ByteSearch.wordInCheckedRange(b, i));
                i += 8;
            }
            if (length > 64) {
                for (int k = to - 32; k < to; k += 16) {
                    first = step(first, ByteSearch.wordInCheckedRange(b, k));
                    second = step(second, ByteSearch.wordInCheckedRange(b, k + 8));
                }
            } else if (i < to) {
                // The last eight bytes, some hashed already: one step for the rest.
                second = step(second, ByteSearch.wordInCheckedRange(b, to - 8));
            }
        }
        long h = (first ^ Long.rotateLeft(second, 31)) * MULTIPLIER;
        return h ^ (h >>> 32);
    }

    private static long step(long lane, long word) {
        return Long.rotateLeft(lane ^ word * MULTIPLIER, 29) * MULTIPLIER;
    }

    /**
     * The last result of each slot with a copy of its text, to compare against: direct-mapped, a new text
     * replaces the slot's old one, and a text longer than a slot holds is not kept. A slot is one stretch of
     * bytes, so a hit reads one or two lines of memory: the text's identity hash, a word holding the length
     * + 1 (0 while empty) over the signals, then the text.
     */
    private static final class Cache {

        private static final int HEADER = 16;
        /**
         * Slots a cache starts with; it doubles each time as many texts as it has slots were kept, up to its
         * full size. A scan makes its caches before it reads a byte, and a small log should not clear
         * megabytes for them (see docs/performance.md, "Start-up"). Growing empties the cache, which costs
         * only the automaton runs on texts seen again.
         */
        private static final int FIRST_SLOTS = 1 << 8;

        private byte[] slots;
        private final int stride;
        private final int maxLength;
        private final int maxSlots;
        private int mask;
        private int keptSinceGrown;

        Cache(int maxSlots, int maxLength) {
            this.stride = HEADER + maxLength;
            this.maxLength = maxLength;
            this.maxSlots = maxSlots;
            allocate(Math.min(FIRST_SLOTS, maxSlots));
        }

        private void allocate(int slotCount) {
            this.slots = new byte[slotCount * stride];
            this.mask = slotCount - 1;
            this.keptSinceGrown = 0;
        }

        /**
         * Where the slot holding exactly {@code b[from, to)} starts, or -1. The caller has checked the range
         * against {@code b}, and a slot lies inside {@link #slots}, so both are read a word at a time
         * unchecked: under the client JIT a checked read per word would cost as much as the comparison.
         */
        int find(long place, byte[] b, int from, int to) {
            int at = ((int) (place ^ (place >>> 29)) & mask) * stride;
            int length = to - from;
            if ((int) (ByteSearch.wordInCheckedRange(slots, at + 8) >>> 32) != length + 1) {
                return -1;
            }
            return sameBytes(slots, at + HEADER, b, from, length) ? at : -1;
        }

        private static boolean sameBytes(byte[] kept, int at, byte[] b, int from, int length) {
            if (length < 8) {
                for (int k = 0; k < length; k++) {
                    if (kept[at + k] != b[from + k]) {
                        return false;
                    }
                }
                return true;
            }
            long differ = 0;
            int k = 0;
            for (; k <= length - 16; k += 16) {
                differ |= (ByteSearch.wordInCheckedRange(kept, at + k) ^ ByteSearch.wordInCheckedRange(b, from + k))
                        | (ByteSearch.wordInCheckedRange(kept, at + k + 8)
                                ^ ByteSearch.wordInCheckedRange(b, from + k + 8));
            }
            if (k <= length - 8) {
                differ |= ByteSearch.wordInCheckedRange(kept, at + k) ^ ByteSearch.wordInCheckedRange(b, from + k);
            }
            // The last eight bytes, overlapping words already compared: the rest of the text, in one read.
            differ |= ByteSearch.wordInCheckedRange(kept, at + length - 8)
                    ^ ByteSearch.wordInCheckedRange(b, from + length - 8);
            return differ == 0;
        }

        long identity(int at) {
            return ByteSearch.wordInCheckedRange(slots, at);
        }

        long signals(int at) {
            return ByteSearch.wordInCheckedRange(slots, at + 8) & 0xFFFF_FFFFL;
        }

        void keep(long place, byte[] b, int from, int to, long signals, long identity) {
            int length = to - from;
            if (length > maxLength) {
                return;
            }
            if (++keptSinceGrown > mask && mask + 1 < maxSlots) {
                allocate((mask + 1) * 2);
            }
            int at = ((int) (place ^ (place >>> 29)) & mask) * stride;
            ByteSearch.putWord(slots, at, identity);
            ByteSearch.putWord(slots, at + 8, (long) (length + 1) << 32 | signals);
            System.arraycopy(b, from, slots, at + HEADER, length);
        }
    }

    private static AhoCorasick automaton(Map<Signal, List<String>> bySignal) {
        List<String> patterns = new ArrayList<>();
        List<Long> groups = new ArrayList<>();
        bySignal.forEach((signal, list) -> list.forEach(p -> {
            patterns.add(p);
            groups.add(signal.bit());
        }));
        return new AhoCorasick(patterns, groups);
    }

    private static AhoCorasick agentAutomaton() {
        List<String> patterns = new ArrayList<>(SCANNER_AGENTS);
        List<Long> groups = new ArrayList<>();
        SCANNER_AGENTS.forEach(p -> groups.add(Signal.SCANNER_USER_AGENT.bit()));
        // Log4Shell payloads are sprayed through the User-Agent header as often as through URLs.
        for (String jndi : TARGET_PATTERNS.get(Signal.JNDI_INJECTION)) {
            patterns.add(jndi);
            groups.add(Signal.JNDI_INJECTION.bit());
        }
        return new AhoCorasick(patterns, groups);
    }
}
