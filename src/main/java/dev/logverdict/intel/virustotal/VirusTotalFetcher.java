package dev.logverdict.intel.virustotal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * One VirusTotal call, its failures sorted into what asking again may cure (5xx answers, timeouts, dropped
 * connections: {@link TransientVirusTotalFailure}) and what it cannot. Nothing is retried here: every
 * request, retries included, must pass the shared request allowance, so the lookup engine retries.
 */
@ApplicationScoped
public class VirusTotalFetcher {

    private final VirusTotalApi api;

    public VirusTotalFetcher(@RestClient VirusTotalApi api) {
        this.api = api;
    }

    public IpAddressResponse fetch(String ip, String apiKey) {
        try {
            return api.ipAddress(ip, apiKey);
        } catch (VirusTotalException e) {
            if (e.status() >= 500) {
                throw new TransientVirusTotalFailure(e.getMessage(), e);
            }
            throw e;
        } catch (ProcessingException e) {
            Throwable root = rootCause(e);
            if (root instanceof IOException || root instanceof TimeoutException) {
                // Timeouts, resets and refused connections; a body that is not JSON is not retried.
                throw new TransientVirusTotalFailure(
                        "VirusTotal request failed: "
                                + (root instanceof TimeoutException
                                        ? "timed out"
                                        : root.getClass().getSimpleName()),
                        e);
            }
            throw e;
        }
    }

    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
