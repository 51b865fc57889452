package dev.logverdict.intel;

import dev.logverdict.storage.ObjectStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link RequestAllowance} kept as small objects in the store and claimed with conditional writes
 * (create only if absent), so concurrent invocations agree without a lock server.
 * <ul>
 *   <li>Pace: the per-minute limit is split over a few lanes (lane i may carry {@code share(i)} requests
 *       a minute; the shares add up to the limit). A lane is a chain of numbered objects, newest first in
 *       key order; the next link may be created once, by one claimer, and only if the link
 *       {@code share(i)} places back is older than a minute (plus a margin for the time between a claim
 *       and its request). So no sliding minute holds more than the limit, and an idle key grants the
 *       whole minute's requests at once.</li>
 *   <li>Day: the n-th request of a UTC day creates the day's object n, for n below the budget; a taken n
 *       moves the claim on to n + 1. The day's objects are its spend, written before each request.</li>
 * </ul>
 * The times compared are the store's own (each object's last-modified), so clocks of different
 * invocations never meet.
 */
public final class SharedAllowance implements RequestAllowance {

    /** Allowed on top of the minute: a claim's time to reach its request, and S3's whole-second timestamps. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    private static final Duration WINDOW = Duration.ofMinutes(1).plus(MARGIN);
    private static final int MAX_LANES = 8;
    /** A lane's recent links are read in one LIST; S3 returns at most 1,000 keys a page. */
    private static final int MAX_SHARE = 1_000;

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;
    private final int perDay;
    private final int[] shares;
    private LocalDate cursorDay;
    private int cursor;

    /**
     * @param prefix where the claims live (one per provider), e.g. {@code cache/_quota/virustotal/}
     */
    public SharedAllowance(ObjectStore store, String bucket, String prefix, int perMinute, int perDay) {
        if (perMinute < 1 || perDay < 0) {
            throw new IllegalArgumentException("requests per minute >= 1 and per day >= 0 are needed");
        }
        this.store = store;
        this.bucket = bucket;
        this.prefix = prefix;
        this.perDay = perDay;
        int lanes = Math.max(Math.min(perMinute, MAX_LANES), (perMinute + MAX_SHARE - 1) / MAX_SHARE);
        this.shares = new int[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            shares[lane] = perMinute / lanes + (lane < perMinute % lanes ? 1 : 0);
        }
    }

    @Override
    public synchronized Decision claim(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try {
            if (cursorDay == null || !cursorDay.equals(day)) {
                // One LIST when the day (or this allowance) is new; afterwards claims move the cursor.
                cursor = store.list(bucket, dayPrefix(day)).size();
                cursorDay = day;
            }
            if (cursor >= perDay) {
                return new DaySpent(perDay);
            }
            Instant earliest = null;
            int first = ThreadLocalRandom.current().nextInt(shares.length);
            for (int turn = 0; turn < shares.length; turn++) {
                int lane = (first + turn) % shares.length;
                Instant free = tryLane(lane, now);
                if (free == null) {
                    return takeDayNumber(day, now);
                }
                earliest = earliest == null || free.isBefore(earliest) ? free : earliest;
            }
            return new NotBefore(earliest);
        } catch (RuntimeException e) {
            cursorDay = null;
            return new Unavailable("the shared request budget in s3://" + bucket + "/" + prefix + " could not be used: "
                    + e.getMessage());
        }
    }

    /** Claims the lane's next link; null when claimed, else when the lane may have room again. */
    private Instant tryLane(int lane, Instant now) {
        String lanePrefix = prefix + "pace/" + lane + "/";
        List<ObjectStore.Listed> recent = store.list(bucket, lanePrefix, shares[lane]);
        long newest = recent.isEmpty() ? -1 : sequence(recent.get(0).key(), lanePrefix);
        if (recent.size() == shares[lane]) {
            Instant oldestOfShare = recent.get(shares[lane] - 1).lastModified();
            Instant free = oldestOfShare.plus(WINDOW);
            if (free.isAfter(now)) {
                return free;
            }
        }
        if (create(lanePrefix + key(newest + 1), now)) {
            return null;
        }
        // Another invocation took that link first: the lane is busy now, try again shortly.
        return now.plusMillis(100);
    }

    private Decision takeDayNumber(LocalDate day, Instant now) {
        while (cursor < perDay) {
            int n = cursor++;
            if (create(dayPrefix(day) + String.format("%09d", n), now)) {
                return new Granted(n + 1);
            }
        }
        return new DaySpent(perDay);
    }

    /** Creates the claim object if absent; true when it is ours (see {@link ObjectStore#claim}). */
    private boolean create(String key, Instant now) {
        byte[] claim = (now + " " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        return store.claim(bucket, key, "text/plain", claim).ours();
    }

    @Override
    public synchronized int spentToday(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try {
            return store.list(bucket, dayPrefix(day)).size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public int requestsPerDay() {
        return perDay;
    }

    private String dayPrefix(LocalDate day) {
        return prefix + "day/" + day + "/";
    }

    /** Newest first in key order: the key counts down from the largest 19-digit number. */
    private static String key(long sequence) {
        return String.format("%019d", Long.MAX_VALUE - sequence);
    }

    private static long sequence(String key, String lanePrefix) {
        return Long.MAX_VALUE - Long.parseLong(key.substring(lanePrefix.length()));
    }
}
