package dev.logverdict.intel.virustotal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Where the VirusTotal key comes from, resolved once at init: the plain setting (local runs), or a
 * Secrets Manager secret / SSM SecureString read through the Parameters and Secrets Lambda Extension, so
 * the key never sits in the function's configuration. A failure to read it is logged without the key and
 * leaves the function in offline-feeds mode, which every report then states.
 */
@ApplicationScoped
@Startup
public class ApiKeySource {

    private static final Logger LOG = Logger.getLogger(ApiKeySource.class);

    private final Optional<String> key;

    public ApiKeySource(LogVerdictConfig config, @RestClient Instance<ParametersSecretsExtensionApi> extension) {
        LogVerdictConfig.VirusTotal vt = config.virustotal();
        // The extension's client is only built when a secret is named: nothing else on the start path pays for it.
        this.key = vt.apiKey().filter(k -> !k.isBlank())
                .or(() -> vt.apiKeySecret().flatMap(id -> fromSecret(extension.get(), id, vt.apiKeySecretField())))
                .or(() -> vt.apiKeyParameter().flatMap(name -> fromParameter(extension.get(), name)));
    }

    public Optional<String> key() {
        return key;
    }

    private static Optional<String> fromSecret(ParametersSecretsExtensionApi extension, String secretId, Optional<String> field) {
        try {
            String value = extension.secret(secretId, sessionToken()).secretString();
            if (value != null && field.isPresent()) {
                // A JSON secret ({"apiKey": "..."}) as the Secrets Manager console creates it.
                JsonNode json = new ObjectMapper().readTree(value);
                value = json.path(field.get()).asText(null);
            }
            return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
        } catch (Exception e) {
            LOG.errorf("cannot read the VirusTotal key from secret %s (%s); continuing with offline feeds only",
                    secretId, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Optional<String> fromParameter(ParametersSecretsExtensionApi extension, String name) {
        try {
            ParametersSecretsExtensionApi.ParameterValue value = extension.parameter(name, true, sessionToken());
            return Optional.ofNullable(value.parameter()).map(ParametersSecretsExtensionApi.Parameter::value)
                    .map(String::trim).filter(v -> !v.isEmpty());
        } catch (Exception e) {
            LOG.errorf("cannot read the VirusTotal key from parameter %s (%s); continuing with offline feeds only",
                    name, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static String sessionToken() {
        return Optional.ofNullable(System.getenv("AWS_SESSION_TOKEN")).orElse("");
    }
}
