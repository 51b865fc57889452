package dev.logverdict.intel;

import java.time.Duration;

/** Time left in this invocation for lookups, after what writing the report needs. */
@FunctionalInterface
public interface TimeBudget {

    Duration remaining();

    static TimeBudget unlimited() {
        return () -> Duration.ofDays(1);
    }
}
