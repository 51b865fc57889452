package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;

import java.util.Optional;

/** Asks a reputation service about one public IP. */
public interface ThreatIntel {

    /** Whether a service is configured at all; without one every public IP stays not checked. */
    boolean isConfigured();

    /**
     * Why a configured credential could not be obtained (e.g. a secret that could not be read), when that
     * is why {@link #isConfigured()} is false; empty when none was configured.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * @throws IntelAuthenticationException when the service rejects our credentials: nothing it would
     *                                      answer afterwards could be trusted, so the run must fail
     */
    LookupResult lookup(IpAddress address);
}
