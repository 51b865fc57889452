package dev.logverdict.intel.abuseipdb;

/** A non-2xx answer from AbuseIPDB: its HTTP status only (the body is remote input and is not kept). */
public class AbuseIpDbException extends RuntimeException {

    private final int status;

    public AbuseIpDbException(int status) {
        super("AbuseIPDB answered HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
