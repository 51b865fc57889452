package dev.logverdict.blocklist.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.blocklist.IpSetSync;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS WAF's GetIPSet and UpdateIPSet, called over the SDK's HTTP client and signed with the SDK's SigV4
 * signer. Hand-written because the SDK's wafv2 module is not available to this build; the two calls are
 * WAF's JSON 1.1 protocol (target prefix AWSWAF_20190729).
 */
public final class WafIpSets implements IpSetSync.IpSets {

    private static final String TARGET_PREFIX = "AWSWAF_20190729.";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final ObjectMapper json = new ObjectMapper();

    /** @param endpoint WAF's endpoint, {@code https://wafv2.<region>.amazonaws.com} unless overridden */
    public WafIpSets(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    public static URI endpointOf(String region) {
        return URI.create("https://wafv2." + region + ".amazonaws.com/");
    }

    @Override
    public IpSetSync.Current get(IpSetSync.IpSetRef set) {
        JsonNode answer = call("GetIPSet", identity(set), set);
        List<String> addresses = new ArrayList<>();
        answer.path("IPSet").path("Addresses").forEach(address -> addresses.add(address.asText()));
        return new IpSetSync.Current(addresses, answer.path("LockToken").asText());
    }

    @Override
    public void update(IpSetSync.IpSetRef set, List<String> addresses, String lockToken) {
        Map<String, Object> body = identity(set);
        body.put("Addresses", addresses);
        body.put("LockToken", lockToken);
        call("UpdateIPSet", body, set);
    }

    private static Map<String, Object> identity(IpSetSync.IpSetRef set) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", set.name());
        body.put("Scope", set.scope());
        body.put("Id", set.id());
        return body;
    }

    private JsonNode call(String operation, Map<String, Object> body, IpSetSync.IpSetRef set) {
        try {
            byte[] payload = json.writeValueAsBytes(body);
            SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint)
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                    .build();
            SignedRequest signed = AwsV4HttpSigner.create()
                    .sign(signing -> signing.identity(credentials.resolveCredentials())
                            .request(request)
                            .payload(ContentStreamProvider.fromByteArray(payload))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "wafv2")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            SdkHttpRequest signedRequest = signed.request();
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signedRequest)
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            byte[] answer;
            try (InputStream in =
                    response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
            int status = response.httpResponse().statusCode();
            if (status == 200) {
                return json.readTree(answer);
            }
            JsonNode error = answer.length == 0 ? json.createObjectNode() : json.readTree(answer);
            String type = error.path("__type").asText("");
            String message = error.path("Message").asText(error.path("message").asText(""));
            String what = "WAF " + operation + " of IP set " + set.name() + " (" + set.scope() + "): HTTP " + status
                    + " " + type + " " + message;
            if (type.endsWith("WAFOptimisticLockException")) {
                throw new IpSetSync.LockConflict(what);
            }
            throw new IllegalStateException(what);
        } catch (IOException e) {
            throw new UncheckedIOException("WAF " + operation + " of IP set " + set.name() + " failed", e);
        }
    }
}
