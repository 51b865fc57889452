package dev.logverdict.intel.virustotal;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;

/**
 * One VirusTotal call with bounded retries for what is worth retrying (SmallRye Fault Tolerance):
 * 5xx answers, timeouts and dropped connections. Quota answers (429) are not retried here: waiting them
 * out is a pacing decision, taken with the invocation's deadline in view.
 */
@ApplicationScoped
public class VirusTotalFetcher {

    private final VirusTotalApi api;

    public VirusTotalFetcher(@RestClient VirusTotalApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 2, delay = 1000, jitter = 400, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
            retryOn = TransientVirusTotalFailure.class)
    @ExponentialBackoff(factor = 2, maxDelay = 8000)
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
                throw new TransientVirusTotalFailure("VirusTotal request failed: " + (root instanceof TimeoutException ? "timed out" : root.getClass().getSimpleName()), e);
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
