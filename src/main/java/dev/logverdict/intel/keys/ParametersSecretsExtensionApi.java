package dev.logverdict.intel.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The AWS Parameters and Secrets Lambda Extension, served on localhost inside the function's sandbox:
 * reads a Secrets Manager secret or an SSM SecureString without bundling an SDK client for either.
 */
@RegisterRestClient(configKey = "aws-parameters-secrets")
public interface ParametersSecretsExtensionApi {

    String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";

    @GET
    @Path("/secretsmanager/get")
    @Produces(MediaType.APPLICATION_JSON)
    SecretValue secret(@QueryParam("secretId") String secretId, @HeaderParam(TOKEN_HEADER) String sessionToken);

    @GET
    @Path("/systemsmanager/parameters/get")
    @Produces(MediaType.APPLICATION_JSON)
    ParameterValue parameter(
            @QueryParam("name") String name,
            @QueryParam("withDecryption") boolean withDecryption,
            @HeaderParam(TOKEN_HEADER) String sessionToken);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SecretValue(@JsonProperty("SecretString") String secretString) {
        @Override
        public String toString() {
            return "SecretValue[redacted]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ParameterValue(@JsonProperty("Parameter") Parameter parameter) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Parameter(
            @JsonProperty("Name") String name,
            @JsonProperty("Value") String value) {
        @Override
        public String toString() {
            return "Parameter[" + name + ", value redacted]";
        }
    }
}
