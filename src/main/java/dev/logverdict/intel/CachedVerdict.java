package dev.logverdict.intel;

import java.time.Instant;

/**
 * What VirusTotal said about an IP and when. The raw reputation is cached, not the verdict, so a policy
 * change applies to cached answers too.
 *
 * @param reputation null when VirusTotal did not know the IP (404)
 */
public record CachedVerdict(Reputation reputation, Instant fetchedAt) {

    public boolean notFound() {
        return reputation == null;
    }
}
