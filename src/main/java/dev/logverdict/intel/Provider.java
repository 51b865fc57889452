package dev.logverdict.intel;

/**
 * A reputation provider as the lookups name it.
 *
 * @param id     its name in reports and configuration ({@code virustotal}, {@code abuseipdb})
 * @param name   its name in messages
 * @param policy how its answers become verdicts
 */
public record Provider(String id, String name, ProviderPolicy policy) {

    public static final String VIRUSTOTAL = "virustotal";
    public static final String ABUSEIPDB = "abuseipdb";

    public static Provider virusTotal(VerdictPolicy policy) {
        return new Provider(VIRUSTOTAL, "VirusTotal", policy);
    }

    public static Provider abuseIpDb(AbuseIpDbPolicy policy) {
        return new Provider(ABUSEIPDB, "AbuseIPDB", policy);
    }

    /** The source an answer from the cache names. */
    public String cachedSource() {
        return id + " (cache)";
    }
}
