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
 * Where the VirusTotal key comes from: the plain setting (local runs), or a Secrets Manager secret / SSM
 * SecureString read through the Parameters and Secrets Lambda Extension, so the key never sits in the
 * function's configuration. It is read at init (so a SnapStart snapshot holds it); a key that could not be
 * read then is asked for again on each later use until it is, so a secret created after the deploy, or an
 * extension that was not ready, does not leave the container (or the published version's snapshot) without
 * a key. Failures are logged without the key.
 */
@ApplicationScoped
@Startup
public class ApiKeySource {

    private static final Logger LOG = Logger.getLogger(ApiKeySource.class);

    private final LogVerdictConfig.VirusTotal settings;
    private final Instance<ParametersSecretsExtensionApi> extension;
    private volatile Optional<String> key;
    private volatile String unavailable;

    public ApiKeySource(LogVerdictConfig config, @RestClient Instance<ParametersSecretsExtensionApi> extension) {
        this.settings = config.virustotal();
        this.extension = extension;
        this.key = read();
    }

    /** The key, read again now if an earlier read failed. */
    public Optional<String> key() {
        Optional<String> known = key;
        if (known.isEmpty() && unavailable != null) {
            known = read();
            key = known;
        }
        return known;
    }

    /** Why a named secret or parameter could not be read at the last try (never the key); empty when it was, or none is named. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    private synchronized Optional<String> read() {
        Optional<String> plain = settings.apiKey().filter(k -> !k.isBlank());
        if (plain.isPresent()) {
            return plain;
        }
        String[] failure = new String[1];
        // The extension's client is only built when a secret is named: nothing else on the start path pays for it.
        Optional<String> found = settings.apiKeySecret().flatMap(id -> fromSecret(extension.get(), id,
                        settings.apiKeySecretField(), failure))
                .or(() -> settings.apiKeySecret().isPresent() ? Optional.empty()
                        : settings.apiKeyParameter().flatMap(name -> fromParameter(extension.get(), name, failure)));
        unavailable = found.isPresent() ? null : failure[0];
        return found;
    }

    private static Optional<String> fromSecret(ParametersSecretsExtensionApi extension, String secretId, Optional<String> field,
                                               String[] failure) {
        try {
            String value = extension.secret(secretId, sessionToken()).secretString();
            if (value != null && field.isPresent()) {
                // A JSON secret ({"apiKey": "..."}) as the Secrets Manager console creates it.
                JsonNode json = new ObjectMapper().readTree(value);
                value = json.path(field.get()).asText(null);
            }
            Optional<String> key = Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
            if (key.isEmpty()) {
                failure[0] = "the secret " + secretId + " holds no key" + field.map(f -> " in its field " + f).orElse("");
            }
            return key;
        } catch (Exception e) {
            LOG.errorf("cannot read the VirusTotal key from secret %s (%s); offline sources only until it can be read",
                    secretId, e.getClass().getSimpleName());
            failure[0] = "the VirusTotal key could not be read from the secret " + secretId + " ("
                    + e.getClass().getSimpleName() + "); it is tried again on the next invocation";
            return Optional.empty();
        }
    }

    private static Optional<String> fromParameter(ParametersSecretsExtensionApi extension, String name, String[] failure) {
        try {
            ParametersSecretsExtensionApi.ParameterValue value = extension.parameter(name, true, sessionToken());
            Optional<String> key = Optional.ofNullable(value.parameter()).map(ParametersSecretsExtensionApi.Parameter::value)
                    .map(String::trim).filter(v -> !v.isEmpty());
            if (key.isEmpty()) {
                failure[0] = "the parameter " + name + " holds no key";
            }
            return key;
        } catch (Exception e) {
            LOG.errorf("cannot read the VirusTotal key from parameter %s (%s); offline sources only until it can be read",
                    name, e.getClass().getSimpleName());
            failure[0] = "the VirusTotal key could not be read from the parameter " + name + " ("
                    + e.getClass().getSimpleName() + "); it is tried again on the next invocation";
            return Optional.empty();
        }
    }

    private static String sessionToken() {
        return Optional.ofNullable(System.getenv("AWS_SESSION_TOKEN")).orElse("");
    }
}
