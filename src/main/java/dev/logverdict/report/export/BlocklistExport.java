package dev.logverdict.report.export;

import dev.logverdict.ip.IpAddress;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Plain-text address lists, one entry per line, in the forms the AWS services import. */
public final class BlocklistExport {

    private BlocklistExport() {
    }

    /**
     * An AWS WAF IP set takes CIDR notation only, and one address family per set: {@code 203.0.113.9/32},
     * {@code 2001:db8::1/128}.
     */
    public static byte[] wafIpSet(List<IpAddress> addresses) {
        StringBuilder text = new StringBuilder();
        for (IpAddress ip : addresses) {
            text.append(ip).append(ip.version() == 4 ? "/32" : "/128").append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A GuardDuty ThreatIntelSet in its TXT format: one address a line. */
    public static byte[] guardDutyThreatIntelSet(List<IpAddress> addresses) {
        StringBuilder text = new StringBuilder();
        for (IpAddress ip : addresses) {
            text.append(ip).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
