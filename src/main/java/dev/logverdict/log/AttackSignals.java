package dev.logverdict.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recognises attack traffic in a request target (percent-decoded, case-insensitive) and in a user agent.
 * Results are cached by the hash of the field: user agents repeat endlessly and so do most targets, so
 * the pattern automaton runs only on text not seen recently.
 */
final class AttackSignals {

    static final Map<Signal, List<String>> TARGET_PATTERNS = Map.of(
            Signal.PATH_TRAVERSAL, List.of("../", "..\\", "/etc/passwd", "/etc/shadow", "win.ini", "/proc/self/"),
            Signal.SQL_INJECTION, List.of("union select", "union all select", "' or '1'='1", "' or 1=1", "\" or 1=1",
                    " or 1=1", "information_schema", "sleep(", "benchmark(", "waitfor delay", "extractvalue(",
                    "updatexml(", "';--", "1=1--", "@@version"),
            Signal.SHELL_INJECTION, List.of(";wget ", ";curl ", "|wget ", "|curl ", "$(", "`id`", ";id;", "|sh",
                    "/bin/sh", "/bin/bash", "cmd.exe", "powershell", "; chmod ", "&&wget", "&& wget", "nc -e"),
            Signal.JNDI_INJECTION, List.of("${jndi:", "${${", "${lower:", "${env:"),
            Signal.SENSITIVE_FILE_PROBE, List.of("/.env", "/.git/", "/.git/config", "/.aws/", "/.ssh/", "/.htpasswd",
                    "/.htaccess", "/.ds_store", "/config.json", "/wp-config.php", "/.svn/", "/id_rsa", "/web.config",
                    "/backup.sql", "/dump.sql", "/.vscode/", "/server-status", "/.npmrc", "/.docker"),
            Signal.ADMIN_PROBE, List.of("/wp-login.php", "/xmlrpc.php", "/wp-admin", "/phpmyadmin", "/pma/",
                    "/cgi-bin/", "/boaform", "/hnap1", "/actuator", "/manager/html", "/solr/", "/vendor/phpunit",
                    "/console/", "/admin.php", "/administrator/", "/jenkins", "/owa/", "/remote/login", "/autodiscover"));

    private static final List<String> SCANNER_AGENTS = List.of("sqlmap", "nikto", "nmap", "masscan", "zgrab", "nuclei",
            "gobuster", "dirbuster", "dirb/", "wpscan", "acunetix", "nessus", "openvas", "hydra", "wfuzz", "ffuf",
            "feroxbuster", "fuzz faster u fool", "zmeu", "morfeus", "jorgee", "l9explore", "netsparker", "appscan",
            "w3af", "arachni", "skipfish", "whatweb", "httpx - open-source", "censysinspect", "xfa1", "havij");

    private static final AhoCorasick TARGET = automaton(TARGET_PATTERNS);
    private static final AhoCorasick AGENT = agentAutomaton();
    private static final int CACHE_SLOTS = 1 << 14;

    private final long[] targetKeys = new long[CACHE_SLOTS];
    private final long[] targetValues = new long[CACHE_SLOTS];
    private final long[] agentKeys = new long[CACHE_SLOTS];
    private final long[] agentValues = new long[CACHE_SLOTS];

    AttackSignals() {
        java.util.Arrays.fill(targetKeys, 1);
        java.util.Arrays.fill(agentKeys, 1);
    }

    /**
     * Signals of a request target, as a bit set of {@link Signal}s. The path and the query are looked up
     * apart: paths repeat and stay cached while query strings often do not, and since no pattern holds a
     * '?', no match can span the two, so the union is what a scan of the whole target would find.
     */
    long ofTarget(byte[] b, int from, int queryMark, int to, long pathHash) {
        long signals = ofTargetPart(b, from, queryMark, pathHash);
        if (queryMark + 1 < to) {
            signals |= ofTargetPart(b, queryMark + 1, to, Hashing.hash(b, queryMark + 1, to) | 1);
        }
        return signals;
    }

    private long ofTargetPart(byte[] b, int from, int to, long hash) {
        int slot = (int) (hash ^ (hash >>> 29)) & (CACHE_SLOTS - 1);
        if (targetKeys[slot] == hash && hash != 1) {
            return targetValues[slot];
        }
        long signals = TARGET.scan(b, from, to, true);
        targetKeys[slot] = hash;
        targetValues[slot] = signals;
        return signals;
    }

    long ofUserAgent(Field agent, long hash) {
        int slot = (int) (hash ^ (hash >>> 29)) & (CACHE_SLOTS - 1);
        if (agentKeys[slot] == hash && hash != 1) {
            return agentValues[slot];
        }
        long signals = AGENT.scan(agent.bytes(), agent.from(), agent.to(), false);
        agentKeys[slot] = hash;
        agentValues[slot] = signals;
        return signals;
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
