package dev.logverdict.intel.keys;

import dev.logverdict.LogVerdictConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The reputation providers' keys, read at init (see {@link ProviderKey}). */
@ApplicationScoped
@Startup
public class ApiKeys {

    private final ProviderKey virusTotal;
    private final ProviderKey abuseIpDb;

    public ApiKeys(LogVerdictConfig config, @RestClient Instance<ParametersSecretsExtensionApi> extension) {
        // The extension's client is only built when a secret is named: nothing else on the start path pays for it.
        this.virusTotal = new ProviderKey("VirusTotal", config.virustotal(), extension::get);
        this.abuseIpDb = new ProviderKey("AbuseIPDB", config.abuseIpDb(), extension::get);
    }

    public ProviderKey virusTotal() {
        return virusTotal;
    }

    public ProviderKey abuseIpDb() {
        return abuseIpDb;
    }
}
