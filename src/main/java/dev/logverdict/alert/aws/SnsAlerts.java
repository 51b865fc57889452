package dev.logverdict.alert.aws;

import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;
import java.util.function.Supplier;

/** Alerts as Amazon SNS messages: the subject for e-mail, the JSON for subscribers that parse it. */
public class SnsAlerts implements AlertPublisher {

    private final Supplier<SnsClient> client;
    private final String topicArn;

    public SnsAlerts(Supplier<SnsClient> client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    @Override
    public String target() {
        return "sns:" + topicArn;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String publish(ScanAlert alert, String alertJson) {
        try {
            return client.get()
                    .publish(request -> request.topicArn(topicArn)
                            .subject(alert.subject())
                            .message(alertJson)
                            // Lets subscribers filter without parsing the body.
                            .messageAttributes(Map.of(
                                    "detail-type",
                                    MessageAttributeValue.builder()
                                            .dataType("String")
                                            .stringValue(ScanAlert.DETAIL_TYPE)
                                            .build())))
                    .messageId();
        } catch (SdkException e) {
            throw new AlertFailedException("SNS Publish to " + topicArn + " failed: " + e.getMessage(), e);
        }
    }
}
