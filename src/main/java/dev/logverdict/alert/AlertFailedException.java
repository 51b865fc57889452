package dev.logverdict.alert;

/** The alert could not be sent; the report is written, and the invocation fails so the retry sends it. */
public class AlertFailedException extends RuntimeException {

    public AlertFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
