package dev.logverdict.intel.abuseipdb;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** AbuseIPDB API v2, the one call logverdict makes. Base URL: {@code quarkus.rest-client.abuseipdb.url}. */
@RegisterRestClient(configKey = "abuseipdb")
@Path("/api/v2")
public interface AbuseIpDbApi {

    @GET
    @Path("/check")
    @Produces(MediaType.APPLICATION_JSON)
    CheckResponse check(
            @HeaderParam("Key") String apiKey,
            @QueryParam("ipAddress") String ip,
            @QueryParam("maxAgeInDays") int maxAgeInDays);

    /** Every non-2xx answer becomes an {@link AbuseIpDbException} with its status. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new AbuseIpDbException(response.getStatus());
    }
}
