package dev.logverdict.intel;

/** The cache's store refused access (permissions, missing bucket): reported, never taken for a miss. */
public class CacheUnavailableException extends RuntimeException {

    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
