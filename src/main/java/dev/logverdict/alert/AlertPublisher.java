package dev.logverdict.alert;

/** Sends a scan alert to where the SOC listens (an event bus, a topic). */
public interface AlertPublisher {

    /** Where alerts go, for logs and the invocation summary (e.g. "eventbridge:default"); "none" when off. */
    String target();

    boolean enabled();

    /**
     * @param alertJson the alert serialised as JSON
     * @return the id the service gave the message
     * @throws AlertFailedException when the service refused or could not be reached
     */
    String publish(ScanAlert alert, String alertJson);

    /** Alerting off: scans still write reports and exports. */
    static AlertPublisher disabled() {
        return new AlertPublisher() {
            @Override
            public String target() {
                return "none";
            }

            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public String publish(ScanAlert alert, String alertJson) {
                throw new IllegalStateException("alerting is off (logverdict.alert.target=none)");
            }
        };
    }
}
