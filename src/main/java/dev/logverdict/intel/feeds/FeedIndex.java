package dev.logverdict.intel.feeds;

import dev.logverdict.ip.IpAddress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All loaded blocklists as sorted, non-overlapping address ranges (per family), answered by binary search:
 * tens of thousands of CIDRs cost a few comparisons per IP. Where lists overlap, the first list loaded
 * names the match; within one list, the more specific (or, for equal ranges, the later) entry does.
 */
public final class FeedIndex {

    private final long[] v4Starts;
    private final long[] v4Ends;
    private final String[] v4Feeds;
    private final long[][] v6Starts;
    private final long[][] v6Ends;
    private final String[] v6Feeds;
    private final List<Blocklist> lists;

    private record Range(long startHigh, long startLow, long endHigh, long endLow, String feed, int order) {}

    public FeedIndex(List<Blocklist> lists) {
        this.lists = List.copyOf(lists);
        List<Range> v4 = new ArrayList<>();
        List<Range> v6 = new ArrayList<>();
        for (int order = 0; order < lists.size(); order++) {
            for (FeedEntry entry : lists.get(order).entries()) {
                IpAddress first = entry.block().network();
                IpAddress last = entry.block().lastAddress();
                Range range = new Range(first.high(), first.low(), last.high(), last.low(), entry.feed(), order);
                (first.version() == 4 ? v4 : v6).add(range);
            }
        }
        List<Range> mergedV4 = flatten(v4);
        v4Starts = new long[mergedV4.size()];
        v4Ends = new long[mergedV4.size()];
        v4Feeds = new String[mergedV4.size()];
        for (int i = 0; i < mergedV4.size(); i++) {
            v4Starts[i] = mergedV4.get(i).startLow();
            v4Ends[i] = mergedV4.get(i).endLow();
            v4Feeds[i] = mergedV4.get(i).feed();
        }
        List<Range> mergedV6 = flatten(v6);
        v6Starts = new long[mergedV6.size()][];
        v6Ends = new long[mergedV6.size()][];
        v6Feeds = new String[mergedV6.size()];
        for (int i = 0; i < mergedV6.size(); i++) {
            Range r = mergedV6.get(i);
            v6Starts[i] = new long[] {r.startHigh(), r.startLow()};
            v6Ends[i] = new long[] {r.endHigh(), r.endLow()};
            v6Feeds[i] = r.feed();
        }
    }

    public static FeedIndex empty() {
        return new FeedIndex(List.of());
    }

    public List<Blocklist> lists() {
        return lists;
    }

    public boolean isEmpty() {
        return v4Starts.length == 0 && v6Starts.length == 0;
    }

    /** The feed listing this address, if any. */
    public Optional<String> match(IpAddress address) {
        if (address.version() == 4) {
            int i = floor(address.low());
            return i >= 0 && address.low() <= v4Ends[i] ? Optional.of(v4Feeds[i]) : Optional.empty();
        }
        int lo = 0;
        int hi = v6Starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6Starts[mid][0], v6Starts[mid][1], address.high(), address.low()) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && compare(address.high(), address.low(), v6Ends[found][0], v6Ends[found][1]) <= 0
                ? Optional.of(v6Feeds[found])
                : Optional.empty();
    }

    private int floor(long value) {
        int lo = 0;
        int hi = v4Starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Starts[mid] <= value) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Cuts overlaps so every address belongs to at most one range, named after the earliest list that
     * covers it. CIDR blocks either nest or are disjoint, so one sweep with a stack of open blocks does it
     * in O(n log n): fifty thousand entries take milliseconds.
     */
    private static List<Range> flatten(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> {
            int byStart = compare(a.startHigh(), a.startLow(), b.startHigh(), b.startLow());
            if (byStart != 0) {
                return byStart;
            }
            int byEnd = compare(b.endHigh(), b.endLow(), a.endHigh(), a.endLow());
            return byEnd != 0 ? byEnd : Integer.compare(a.order(), b.order());
        });
        List<Range> out = new ArrayList<>();
        ArrayDeque<Range> open = new ArrayDeque<>();
        ArrayDeque<Range> bestOpen = new ArrayDeque<>();
        long[] cursor = null;
        for (Range r : sorted) {
            while (!open.isEmpty()
                    && compare(open.peek().endHigh(), open.peek().endLow(), r.startHigh(), r.startLow()) < 0) {
                Range top = open.pop();
                cursor = emit(out, cursor, top.endHigh(), top.endLow(), bestOpen.pop());
            }
            if (!open.isEmpty() && cursor != null && compare(cursor[0], cursor[1], r.startHigh(), r.startLow()) < 0) {
                long[] before = minusOne(r.startHigh(), r.startLow());
                emit(out, cursor, before[0], before[1], bestOpen.peek());
            }
            if (cursor == null || compare(cursor[0], cursor[1], r.startHigh(), r.startLow()) < 0 || open.isEmpty()) {
                cursor = new long[] {r.startHigh(), r.startLow()};
            }
            Range best = bestOpen.isEmpty() || r.order() <= bestOpen.peek().order() ? r : bestOpen.peek();
            open.push(r);
            bestOpen.push(best);
        }
        while (!open.isEmpty()) {
            Range top = open.pop();
            cursor = emit(out, cursor, top.endHigh(), top.endLow(), bestOpen.pop());
        }
        return mergeAdjacent(out);
    }

    /** Emits [cursor, end] owned by {@code owner} when not empty; returns the point after it. */
    private static long[] emit(List<Range> out, long[] cursor, long endHigh, long endLow, Range owner) {
        if (cursor == null || cursor.length > 2 || compare(cursor[0], cursor[1], endHigh, endLow) > 0) {
            return cursor;
        }
        out.add(new Range(cursor[0], cursor[1], endHigh, endLow, owner.feed(), owner.order()));
        if (endHigh == -1L && endLow == -1L) {
            return new long[] {-1L, -1L, 1}; // past the very last address: nothing more to emit
        }
        return plusOne(endHigh, endLow);
    }

    /** Neighbouring ranges of the same feed become one, so the index stays small for big lists. */
    private static List<Range> mergeAdjacent(List<Range> sorted) {
        List<Range> merged = new ArrayList<>(sorted.size());
        for (Range r : sorted) {
            if (!merged.isEmpty()) {
                Range last = merged.get(merged.size() - 1);
                long[] next = plusOne(last.endHigh(), last.endLow());
                if (last.feed().equals(r.feed()) && next[0] == r.startHigh() && next[1] == r.startLow()) {
                    merged.set(
                            merged.size() - 1,
                            new Range(
                                    last.startHigh(),
                                    last.startLow(),
                                    r.endHigh(),
                                    r.endLow(),
                                    last.feed(),
                                    last.order()));
                    continue;
                }
            }
            merged.add(r);
        }
        return merged;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compareUnsigned(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }

    private static long[] plusOne(long high, long low) {
        return low == -1L ? new long[] {high + 1, 0} : new long[] {high, low + 1};
    }

    private static long[] minusOne(long high, long low) {
        return low == 0 ? new long[] {high - 1, -1L} : new long[] {high, low - 1};
    }
}
