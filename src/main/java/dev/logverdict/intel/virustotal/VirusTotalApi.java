package dev.logverdict.intel.virustotal;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** VirusTotal API v3, the one call logverdict makes. Base URL: {@code quarkus.rest-client.virustotal.url}. */
@RegisterRestClient(configKey = "virustotal")
@Path("/api/v3/ip_addresses")
public interface VirusTotalApi {

    @GET
    @Path("/{ip}")
    @Produces(MediaType.APPLICATION_JSON)
    IpAddressResponse ipAddress(@PathParam("ip") String ip, @HeaderParam("x-apikey") String apiKey);

    /** Every non-2xx answer becomes a {@link VirusTotalException} carrying VirusTotal's error code. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return VirusTotalException.from(response);
    }
}
