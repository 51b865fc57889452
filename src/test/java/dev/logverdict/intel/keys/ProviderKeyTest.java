package dev.logverdict.intel.keys;

import dev.logverdict.LogVerdictConfig;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A key that could not be read at init is read again on later use, for each provider alike. */
class ProviderKeyTest {

    private static LogVerdictConfig.ApiKey secretNamed(String secretId) {
        return new LogVerdictConfig.ApiKey() {
            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiKeySecret() {
                return Optional.of(secretId);
            }

            @Override
            public Optional<String> apiKeySecretField() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiKeyParameter() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aSecretCreatedAfterInitIsUsedAndTheReasonSaysWhyUntilThen() {
        AtomicInteger reads = new AtomicInteger();
        ParametersSecretsExtensionApi extension = new ParametersSecretsExtensionApi() {
            @Override
            public SecretValue secret(String secretId, String sessionToken) {
                if (reads.incrementAndGet() < 3) {
                    throw new IllegalStateException("ResourceNotFoundException");
                }
                return new SecretValue("  abuse-key-42  ");
            }

            @Override
            public ParameterValue parameter(String name, boolean withDecryption, String sessionToken) {
                throw new UnsupportedOperationException();
            }
        };

        ProviderKey key = new ProviderKey("AbuseIPDB", secretNamed("abuseipdb/key"), () -> extension);

        assertThat(reads).as("read at init").hasValue(1);
        assertThat(key.key()).isEmpty();
        assertThat(key.unavailableReason())
                .get()
                .asString()
                .contains("AbuseIPDB", "abuseipdb/key", "tried again")
                .doesNotContain("abuse-key-42");
        assertThat(key.key()).as("the secret now exists").contains("abuse-key-42");
        assertThat(key.unavailableReason()).isEmpty();
        key.key();
        assertThat(reads).as("a key once read is kept").hasValue(3);
    }
}
