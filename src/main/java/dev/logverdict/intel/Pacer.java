package dev.logverdict.intel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests evenly at no more than {@code requestsPerMinute}: a burst at the start would meet
 * the previous run's requests in the provider's one-minute window and draw a 429.
 */
public final class Pacer {

    /** Waits; a port so tests advance a fake clock instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private Instant nextSlot;

    public Pacer(int requestsPerMinute, Clock clock, Sleeper sleeper) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1");
        }
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = Duration.ofMinutes(1).dividedBy(requestsPerMinute);
    }

    /** How long until the next request may go out. */
    public synchronized Duration waitForNextSlot() {
        if (nextSlot == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), nextSlot);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Blocks until a request may go out, then books that slot. */
    public void acquire() throws InterruptedException {
        Instant slot;
        synchronized (this) {
            // Book the slot before waiting, so concurrent callers queue up one interval apart.
            Instant now = clock.instant();
            slot = nextSlot == null || nextSlot.isBefore(now) ? now : nextSlot;
            nextSlot = slot.plus(interval);
        }
        Duration wait = Duration.between(clock.instant(), slot);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    public Sleeper sleeper() {
        return sleeper;
    }
}
