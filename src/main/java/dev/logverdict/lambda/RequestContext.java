package dev.logverdict.lambda;

import org.jboss.logging.MDC;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts the invocation's Lambda request id and whether it is the process's first invocation (a cold start)
 * into the logging MDC, so every log line of the invocation carries them (JSON logs: under {@code mdc}).
 */
public final class RequestContext implements AutoCloseable {

    public static final String REQUEST_ID = "AWSRequestId";
    public static final String COLD_START = "coldStart";
    // A SnapStart snapshot is taken before any invocation, so a restored process also starts with true.
    private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

    private RequestContext() {}

    /** @param requestId null when no Lambda context is known (a local runner) */
    public static RequestContext enter(String requestId) {
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        }
        MDC.put(COLD_START, Boolean.toString(FIRST_INVOCATION.getAndSet(false)));
        return new RequestContext();
    }

    /** The current invocation's request id, or null outside one. */
    public static String requestId() {
        Object id = MDC.get(REQUEST_ID);
        return id == null ? null : id.toString();
    }

    @Override
    public void close() {
        MDC.remove(REQUEST_ID);
        MDC.remove(COLD_START);
    }
}
