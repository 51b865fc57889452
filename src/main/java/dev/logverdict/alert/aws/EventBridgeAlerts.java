package dev.logverdict.alert.aws;

import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.function.Supplier;

/** Alerts as Amazon EventBridge events ({@code detail-type: logverdict.scan.malicious}). */
public class EventBridgeAlerts implements AlertPublisher {

    private final Supplier<EventBridgeClient> client;
    private final String eventBus;
    private final String source;

    public EventBridgeAlerts(Supplier<EventBridgeClient> client, String eventBus, String source) {
        this.client = client;
        this.eventBus = eventBus;
        this.source = source;
    }

    @Override
    public String target() {
        return "eventbridge:" + eventBus;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String publish(ScanAlert alert, String alertJson) {
        PutEventsResponse response;
        try {
            response = client.get()
                    .putEvents(request -> request.entries(PutEventsRequestEntry.builder()
                            .eventBusName(eventBus)
                            .source(source)
                            .detailType(ScanAlert.DETAIL_TYPE)
                            .resources("arn:aws:s3:::" + alert.source().bucket() + "/"
                                    + alert.source().key())
                            .detail(alertJson)
                            .build()));
        } catch (SdkException e) {
            throw new AlertFailedException(
                    "EventBridge PutEvents to bus " + eventBus + " failed: " + e.getMessage(), e);
        }
        // PutEvents answers 200 even when an entry is rejected; the entry says why.
        PutEventsResultEntry entry =
                response.entries().isEmpty() ? null : response.entries().get(0);
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0
                || entry == null
                || entry.eventId() == null) {
            throw new AlertFailedException(
                    "EventBridge rejected the alert event on bus " + eventBus + ": "
                            + (entry == null
                                    ? "no entry in the answer"
                                    : entry.errorCode() + " " + entry.errorMessage()),
                    null);
        }
        return entry.eventId();
    }
}
