package dev.logverdict.report.export;

import dev.logverdict.ip.IpAddress;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Plain-text address lists, one entry per line, in the forms the AWS services import (WAF: {@link WafIpSet}). */
public final class BlocklistExport {

    private BlocklistExport() {}

    /** A GuardDuty ThreatIntelSet in its TXT format: one address a line. */
    public static byte[] guardDutyThreatIntelSet(List<IpAddress> addresses) {
        StringBuilder text = new StringBuilder();
        for (IpAddress ip : addresses) {
            text.append(ip).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
