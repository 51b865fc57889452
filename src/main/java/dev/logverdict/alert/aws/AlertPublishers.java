package dev.logverdict.alert.aws;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.alert.AlertPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses where alerts go from {@code logverdict.alert.target}. The SDK client is built on the first alert,
 * not at start-up: most invocations find nothing malicious and never need it.
 */
@ApplicationScoped
public class AlertPublishers {

    @Produces
    @ApplicationScoped
    AlertPublisher alertPublisher(LogVerdictConfig config) {
        LogVerdictConfig.Alert alert = config.alert();
        return switch (alert.target().toLowerCase(Locale.ROOT)) {
            case "none" -> AlertPublisher.disabled();
            case "eventbridge" ->
                new EventBridgeAlerts(
                        lazily(() ->
                                configure(EventBridgeClient.builder(), alert).build()),
                        alert.eventBus(),
                        alert.eventSource());
            case "sns" ->
                new SnsAlerts(
                        lazily(() -> configure(SnsClient.builder(), alert).build()),
                        alert.topicArn()
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "logverdict.alert.target=sns needs logverdict.alert.topic-arn")));
            default ->
                throw new IllegalArgumentException(
                        "logverdict.alert.target=" + alert.target() + " is not one of none, eventbridge, sns");
        };
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, LogVerdictConfig.Alert alert) {
        builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        alert.region().map(Region::of).ifPresent(builder::region);
        alert.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static <T> Supplier<T> lazily(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
