package dev.logverdict.blocklist.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.logverdict.blocklist.IpSetSync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WAF API's two calls as the function makes them, against WireMock standing in for WAF. */
class WafIpSetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IpSetSync.IpSetRef SET = IpSetSync.IpSetRef.parse("soc-block-v4|a1b2c3d4|REGIONAL");

    private WireMockServer waf;
    private WafIpSets ipSets;

    @BeforeEach
    void start() {
        waf = new WireMockServer(wireMockConfig().dynamicPort());
        waf.start();
        ipSets = new WafIpSets(
                UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                "eu-west-1",
                URI.create(waf.baseUrl() + "/"));
    }

    @AfterEach
    void stop() {
        waf.stop();
    }

    private void answers(String operation, String scenarioState, String nextState, int status, String body) {
        waf.stubFor(post(urlEqualTo("/"))
                .inScenario("waf")
                .whenScenarioStateIs(scenarioState)
                .withHeader("X-Amz-Target", equalTo("AWSWAF_20190729." + operation))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body))
                .willSetStateTo(nextState));
    }

    @Test
    void readsTheSetThenSendsTheNewListWithItsLockTokenSignedForWafv2() throws Exception {
        answers("GetIPSet", STARTED, "read", 200, """
                {"IPSet":{"Name":"soc-block-v4","Id":"a1b2c3d4","Addresses":["45.155.205.10/32"]},"LockToken":"tok-1"}""");
        answers("UpdateIPSet", "read", "done", 200, """
                {"NextLockToken":"tok-2"}""");

        IpSetSync.Result result = IpSetSync.sync(ipSets, SET, List.of("185.220.101.0/31"));

        assertThat(result).isEqualTo(new IpSetSync.Result("soc-block-v4", "updated", 1, 1, 1));
        List<LoggedRequest> requests = waf.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2);
        for (LoggedRequest request : requests) {
            assertThat(request.getHeader("Authorization"))
                    .matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/wafv2/aws4_request, "
                            + "SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}");
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        }
        JsonNode get = JSON.readTree(requests.get(0).getBodyAsString());
        assertThat(get.get("Name").asText()).isEqualTo("soc-block-v4");
        assertThat(get.get("Id").asText()).isEqualTo("a1b2c3d4");
        assertThat(get.get("Scope").asText()).isEqualTo("REGIONAL");
        JsonNode update = JSON.readTree(requests.get(1).getBodyAsString());
        assertThat(update.get("LockToken").asText()).isEqualTo("tok-1");
        assertThat(update.get("Addresses").toString()).isEqualTo("[\"185.220.101.0/31\"]");
    }

    @Test
    void aStaleLockTokenIsReadAgainAndTheUpdateRetried() throws Exception {
        answers("GetIPSet", STARTED, "read", 200, """
                {"IPSet":{"Addresses":[]},"LockToken":"tok-1"}""");
        answers("UpdateIPSet", "read", "conflict", 400, """
                {"__type":"WAFOptimisticLockException","Message":"AWS WAF couldn’t save your changes because someone changed the resource after you started to edit it."}""");
        answers("GetIPSet", "conflict", "read again", 200, """
                {"IPSet":{"Addresses":["91.92.99.2/32"]},"LockToken":"tok-2"}""");
        answers("UpdateIPSet", "read again", "done", 200, """
                {"NextLockToken":"tok-3"}""");

        IpSetSync.Result result = IpSetSync.sync(ipSets, SET, List.of("185.220.101.1/32"));

        assertThat(result.attempts()).isEqualTo(2);
        List<LoggedRequest> requests = waf.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(4);
        assertThat(JSON.readTree(requests.get(3).getBodyAsString())
                        .get("LockToken")
                        .asText())
                .isEqualTo("tok-2");
    }

    @Test
    void anyOtherRefusalSaysWhatWafSaid() {
        answers("GetIPSet", STARTED, STARTED, 400, """
                {"__type":"WAFNonexistentItemException","Message":"AWS WAF couldn’t perform the operation because your resource doesn’t exist."}""");

        assertThatThrownBy(() -> ipSets.get(SET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WAFNonexistentItemException")
                .hasMessageContaining("soc-block-v4");
    }
}
