package dev.logverdict.intel.virustotal;

/** A failure worth retrying: 5xx (TransientError, DeadlineExceededError), a timeout, a reset connection. */
public class TransientVirusTotalFailure extends RuntimeException {

    public TransientVirusTotalFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
