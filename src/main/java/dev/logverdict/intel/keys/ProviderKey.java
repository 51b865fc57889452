package dev.logverdict.intel.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where one provider's API key comes from: the plain setting (local runs), or a Secrets Manager secret /
 * SSM SecureString read through the Parameters and Secrets Lambda Extension, so the key never sits in the
 * function's configuration. It is read at init (so a SnapStart snapshot holds it); a key that could not be
 * read then is asked for again on each later use until it is, so a secret created after the deploy, or an
 * extension that was not ready, does not leave the container (or the published version's snapshot) without
 * a key. Failures are logged without the key.
 */
public final class ProviderKey {

    private static final Logger LOG = Logger.getLogger(ProviderKey.class);

    private final String provider;
    private final LogVerdictConfig.ApiKey settings;
    private final Supplier<ParametersSecretsExtensionApi> extension;
    private volatile Optional<String> key;
    private volatile String unavailable;

    /**
     * @param provider  the provider's name in messages ("VirusTotal")
     * @param extension the extension's client, built only when a secret or parameter is named
     */
    public ProviderKey(
            String provider, LogVerdictConfig.ApiKey settings, Supplier<ParametersSecretsExtensionApi> extension) {
        this.provider = provider;
        this.settings = settings;
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
        Optional<String> found = settings.apiKeySecret()
                .flatMap(id -> fromSecret(id, failure))
                .or(() -> settings.apiKeySecret().isPresent()
                        ? Optional.empty()
                        : settings.apiKeyParameter().flatMap(name -> fromParameter(name, failure)));
        unavailable = found.isPresent() ? null : failure[0];
        return found;
    }

    private Optional<String> fromSecret(String secretId, String[] failure) {
        try {
            String value = extension.get().secret(secretId, sessionToken()).secretString();
            Optional<String> field = settings.apiKeySecretField();
            if (value != null && field.isPresent()) {
                // A JSON secret ({"apiKey": "..."}) as the Secrets Manager console creates it.
                JsonNode json = new ObjectMapper().readTree(value);
                value = json.path(field.get()).asText(null);
            }
            Optional<String> key = Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
            if (key.isEmpty()) {
                failure[0] = "the secret " + secretId + " holds no key"
                        + field.map(f -> " in its field " + f).orElse("");
            }
            return key;
        } catch (Exception e) {
            failure[0] = couldNotRead("secret", secretId, e);
            return Optional.empty();
        }
    }

    private Optional<String> fromParameter(String name, String[] failure) {
        try {
            ParametersSecretsExtensionApi.ParameterValue value = extension.get().parameter(name, true, sessionToken());
            Optional<String> key = Optional.ofNullable(value.parameter())
                    .map(ParametersSecretsExtensionApi.Parameter::value)
                    .map(String::trim)
                    .filter(v -> !v.isEmpty());
            if (key.isEmpty()) {
                failure[0] = "the parameter " + name + " holds no key";
            }
            return key;
        } catch (Exception e) {
            failure[0] = couldNotRead("parameter", name, e);
            return Optional.empty();
        }
    }

    private String couldNotRead(String kind, String name, Exception e) {
        LOG.errorf(
                "cannot read the %s key from %s %s (%s); offline sources only until it can be read",
                provider, kind, name, e.getClass().getSimpleName());
        return "the " + provider + " key could not be read from the " + kind + " " + name + " ("
                + e.getClass().getSimpleName() + "); it is tried again on the next invocation";
    }

    private static String sessionToken() {
        return Optional.ofNullable(System.getenv("AWS_SESSION_TOKEN")).orElse("");
    }
}
