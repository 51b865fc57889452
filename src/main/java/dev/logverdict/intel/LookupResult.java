package dev.logverdict.intel;

/** One reputation lookup's outcome; failures are values, so one bad answer never stops the run. */
public sealed interface LookupResult {

    record Found(Reputation reputation) implements LookupResult {
    }

    /** The service has never seen the address: unknown, not a failure. */
    record NotFound() implements LookupResult {
    }

    /** The service asks us to stop (quota, rate). No further lookups this run. */
    record RateLimited(String reason) implements LookupResult {
    }

    /** This lookup failed (server error, timeout, unreadable body); the next may work. */
    record Failed(String reason) implements LookupResult {
    }
}
