package dev.logverdict.blocklist.aws;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.blocklist.IpSetSync;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.util.List;
import java.util.Optional;

/**
 * WAF's IP sets for the rolling blocklist, built on first use: most runs change nothing there, and a stack
 * without IP sets never needs the client.
 */
@ApplicationScoped
public class WafIpSetsProducer {

    @Produces
    @ApplicationScoped
    IpSetSync.IpSets ipSets(LogVerdictConfig config) {
        LogVerdictConfig.Blocklist settings = config.blocklist();
        return new IpSetSync.IpSets() {
            private WafIpSets client;

            private synchronized WafIpSets client() {
                if (client == null) {
                    String region = settings.wafRegion()
                            .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                            .orElseThrow(() -> new IllegalStateException(
                                    "no region for the WAF IP sets: set logverdict.blocklist.waf-region"));
                    client = new WafIpSets(
                            UrlConnectionHttpClient.create(),
                            DefaultCredentialsProvider.builder().build(),
                            region,
                            settings.wafEndpointOverride().orElse(WafIpSets.endpointOf(region)));
                }
                return client;
            }

            @Override
            public IpSetSync.Current get(IpSetSync.IpSetRef set) {
                return client().get(set);
            }

            @Override
            public void update(IpSetSync.IpSetRef set, List<String> addresses, String lockToken) {
                client().update(set, addresses, lockToken);
            }
        };
    }
}
