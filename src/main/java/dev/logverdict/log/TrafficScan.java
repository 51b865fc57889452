package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;

import java.util.List;
import java.util.Map;

/**
 * Everything the log said about its clients.
 *
 * @param inputError set when the input ended in a way that is the input's fault (truncated gzip):
 *                   what was read before it is still reported
 */
public record TrafficScan(
        long lines,
        long parsedLines,
        long malformedLines,
        long bytesRead,
        LogFormat format,
        Map<IpAddress, ClientActivity> clients,
        Map<String, Long> nonIpClients,
        List<MalformedSample> malformedSamples,
        List<String> truncated,
        String inputError) {

    public TrafficScan {
        clients = Map.copyOf(clients);
        nonIpClients = Map.copyOf(nonIpClients);
        malformedSamples = List.copyOf(malformedSamples);
        truncated = List.copyOf(truncated);
    }
}
