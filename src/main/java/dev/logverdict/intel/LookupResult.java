package dev.logverdict.intel;

/** One reputation lookup's outcome; failures are values, so one bad answer never stops the run. */
public sealed interface LookupResult {

    record Found(Reputation reputation) implements LookupResult {}

    /** The service has never seen the address: unknown, not a failure. */
    record NotFound() implements LookupResult {}

    /** The service asks us to stop (quota, rate). No further lookups this run. */
    record RateLimited(String reason) implements LookupResult {}

    /**
     * This lookup failed; the next may work. {@code retryable} for what asking again can cure (a 5xx, a
     * timeout, a dropped connection), not for an answer we cannot read.
     */
    record Failed(String reason, boolean retryable) implements LookupResult {

        public Failed(String reason) {
            this(reason, false);
        }
    }
}
