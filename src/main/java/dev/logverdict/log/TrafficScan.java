package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.activity.ClientActivity;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything the log said about its clients.
 *
 * @param formats      well-formed lines per detected format
 * @param clients      every address counted one by one
 * @param aggregated   addresses past the tracking cap, counted by network ({@code 2001:db8::/64},
 *                     {@code 192.0.2.0/24}); past the network cap, {@link #UNTRACKED} counts the rest together
 * @param ipsElsewhere addresses written in request targets and referrers, with occurrences (only with
 *                     scan-all-fields); never clients, never looked up
 * @param inputError   set when the input ended in a way that is the input's fault (truncated gzip): what
 *                     was read before it is still reported
 */
public record TrafficScan(
        long lines,
        long parsedLines,
        long malformedLines,
        long bytesRead,
        LogFormat format,
        Map<LogFormat, Long> formats,
        Map<IpAddress, ClientActivity> clients,
        Map<String, ClientActivity> aggregated,
        Map<String, Long> nonIpClients,
        Map<IpAddress, Long> ipsElsewhere,
        List<MalformedSample> malformedSamples,
        List<String> truncated,
        String inputError,
        boolean readFailed) {

    /** The key in {@link #aggregated} of the requests whose network was past the cap too. */
    public static final String UNTRACKED = "untracked";

    public TrafficScan {
        formats = Map.copyOf(formats);
        clients = Collections.unmodifiableMap(clients);
        aggregated = Collections.unmodifiableMap(aggregated);
        nonIpClients = Map.copyOf(nonIpClients);
        ipsElsewhere = Map.copyOf(ipsElsewhere);
        malformedSamples = List.copyOf(malformedSamples);
        truncated = List.copyOf(truncated);
    }
}
