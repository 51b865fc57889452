package dev.logverdict.intel;

import java.time.Instant;

/**
 * Permission for one request to a reputation provider, shared by every invocation that could ask it at
 * the same time: the provider's pace (requests a minute) and its daily budget. A request is made only
 * after a grant, retries included, so the provider never sees more than the limits allow; a grant is
 * recorded before the request goes out, so a crash can only over-count, never lose spend.
 */
public interface RequestAllowance {

    /** The answer to one claim. */
    sealed interface Decision {}

    /** Go ahead; {@code spentToday} counts this request. */
    record Granted(int spentToday) implements Decision {}

    /** The pace allows no request now; the next chance is at {@code slot}. */
    record NotBefore(Instant slot) implements Decision {}

    /** The UTC day's budget is spent. */
    record DaySpent(int requestsPerDay) implements Decision {}

    /** The shared record could not be read or written, so nothing may be spent (it could be overspent). */
    record Unavailable(String reason) implements Decision {}

    Decision claim(Instant now);

    /** Requests granted so far on the UTC day of {@code now}, as far as this allowance knows; -1 if unknown. */
    int spentToday(Instant now);

    int requestsPerDay();
}
