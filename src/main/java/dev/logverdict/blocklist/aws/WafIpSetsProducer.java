package dev.logverdict.blocklist.aws;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.blocklist.IpSetSync;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.util.Optional;

/**
 * WAF's IP sets for the rolling blocklist. Application-scoped, so CDI calls this on the first use through
 * the bean's proxy: a stack without IP sets never builds the client or needs a region.
 */
@ApplicationScoped
public class WafIpSetsProducer {

    @Produces
    @ApplicationScoped
    IpSetSync.IpSets ipSets(LogVerdictConfig config) {
        LogVerdictConfig.Blocklist settings = config.blocklist();
        String region = settings.wafRegion()
                .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .orElseThrow(() -> new IllegalStateException(
                        "no region for the WAF IP sets: set logverdict.blocklist.waf-region"));
        return new WafIpSets(
                UrlConnectionHttpClient.create(),
                DefaultCredentialsProvider.builder().build(),
                region,
                settings.wafEndpointOverride().orElse(WafIpSets.endpointOf(region)));
    }
}
