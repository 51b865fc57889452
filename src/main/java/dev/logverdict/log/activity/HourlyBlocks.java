package dev.logverdict.log.activity;

import java.util.Arrays;

/**
 * Every detailed client's requests-per-hour series, as blocks of shared pages of 16-bit buckets. The
 * store keeps each client's block handle in a flat array, so adding to an hour touches the bucket alone:
 * no reference to follow and no array header to check, two cache misses fewer than an int[] per client.
 * Blocks come in a few sizes; a series that outgrows its block moves to a larger one and the old block
 * is reused. A bucket that fills up stays at {@link #FULL} and the owner counts the rest elsewhere: 16
 * bits halve the largest per-client structure, and 65,535 requests an hour from one address is rare.
 */
final class HourlyBlocks {

    /** A bucket's ceiling. */
    static final char FULL = Character.MAX_VALUE;

    /** No block: the client has no timed request yet. */
    static final long NONE = -1;

    private static final int PAGE_BITS = 18;
    private static final int PAGE_SLOTS = 1 << PAGE_BITS;
    private static final int OFFSET_MASK = PAGE_SLOTS - 1;
    /** Block sizes in hours, each about 1.5 times the last, up to the longest series kept. */
    private static final int[] SIZES = {8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, ActivityContext.MAX_HOURS};

    private char[][] pages = new char[1][];
    private int lastPage = -1;
    private int nextFree = PAGE_SLOTS;
    private final long[][] released = new long[SIZES.length][];
    private final int[] releasedCount = new int[SIZES.length];
    private long liveSlots;
    private long releasedSlots;
    private int compactPage;
    private int compactNext;

    // A handle: page index << 32 | size class << 24 | offset in the page.

    char[] page(long block) {
        return pages[(int) (block >>> 32)];
    }

    static int offset(long block) {
        return (int) block & OFFSET_MASK;
    }

    /** Buckets in blocks in use, by their size class (released blocks not counted). */
    long liveBuckets() {
        return liveSlots;
    }

    static int size(long block) {
        return SIZES[(int) (block >>> 24) & 0xFF];
    }

    /** A zeroed block of at least {@code hours} buckets ({@code hours} ≤ {@link ActivityContext#MAX_HOURS}). */
    long allocate(int hours) {
        int sizeClass = 0;
        while (SIZES[sizeClass] < hours) {
            sizeClass++;
        }
        int size = SIZES[sizeClass];
        liveSlots += size;
        if (releasedCount[sizeClass] > 0) {
            releasedSlots -= size;
            return released[sizeClass][--releasedCount[sizeClass]];
        }
        if (nextFree + size > PAGE_SLOTS) {
            lastPage++;
            if (lastPage == pages.length) {
                pages = Arrays.copyOf(pages, pages.length * 2);
            }
            if (pages[lastPage] == null) {
                pages[lastPage] = new char[PAGE_SLOTS];
            } else {
                // A page a compaction emptied, cleared and taken again instead of a new one.
                Arrays.fill(pages[lastPage], (char) 0);
            }
            nextFree = 0;
        }
        long block = (long) lastPage << 32 | (long) sizeClass << 24 | nextFree;
        nextFree += size;
        return block;
    }

    /**
     * Moves the first {@code span} buckets of a series into a block of at least {@code hours} buckets,
     * {@code shift} buckets later (when an earlier hour turns up); the old block is cleared for reuse.
     */
    long move(long block, int shift, int span, int hours) {
        long moved = allocate(hours);
        char[] from = page(block);
        System.arraycopy(from, offset(block), page(moved), offset(moved) + shift, span);
        Arrays.fill(from, offset(block), offset(block) + size(block), (char) 0);
        int sizeClass = (int) (block >>> 24) & 0xFF;
        if (released[sizeClass] == null || releasedCount[sizeClass] == released[sizeClass].length) {
            released[sizeClass] = Arrays.copyOf(
                    released[sizeClass] == null ? new long[0] : released[sizeClass],
                    Math.max(16, releasedCount[sizeClass] * 2));
        }
        released[sizeClass][releasedCount[sizeClass]++] = block;
        liveSlots -= size(block);
        releasedSlots += size(block);
        return moved;
    }

    /**
     * Whether released blocks take more than a third of the pages. Series grow in step (in a log sorted
     * by time every client's span grows with the hour), so small blocks are left behind in bulk and are
     * not taken again; the owner of the handles then compacts ({@link #beginCompaction}).
     */
    boolean wasteful() {
        return releasedSlots > PAGE_SLOTS && releasedSlots * 2 > liveSlots;
    }

    /**
     * Starts sliding every live block down to the lowest free place. The caller then passes each live
     * handle to {@link #slide} in ascending order (that is what makes the copies safe) and stores what it
     * returns, and finally calls {@link #endCompaction}.
     */
    void beginCompaction() {
        compactPage = 0;
        compactNext = 0;
        Arrays.fill(releasedCount, 0);
        releasedSlots = 0;
    }

    long slide(long block) {
        int size = size(block);
        if (compactNext + size > PAGE_SLOTS) {
            // Blocks never straddle pages; the tail left here is never allocated again.
            compactPage++;
            compactNext = 0;
        }
        long moved = (long) compactPage << 32 | (block & (0xFFL << 24)) | compactNext;
        if (moved != block) {
            System.arraycopy(page(block), offset(block), pages[compactPage], compactNext, size);
        }
        compactNext += size;
        return moved;
    }

    void endCompaction() {
        Arrays.fill(pages[compactPage], compactNext, PAGE_SLOTS, (char) 0);
        // The pages above are kept for allocate() to clear and take again.
        lastPage = compactPage;
        nextFree = compactNext;
    }

    /** Ascending order of handles is ascending address order. */
    static long sortKey(long block) {
        return (block >>> 32) << 24 | (block & OFFSET_MASK);
    }

    /** Buckets up to and including the last non-zero one. */
    int usedSpan(long block) {
        char[] page = page(block);
        int start = offset(block);
        int last = size(block) - 1;
        while (last >= 0 && page[start + last] == 0) {
            last--;
        }
        return last + 1;
    }

    /** The buckets up to the last non-zero one; {@link #FULL} ones are for the owner to complete. */
    int[] series(long block) {
        char[] page = page(block);
        int[] series = new int[usedSpan(block)];
        for (int i = 0; i < series.length; i++) {
            series[i] = page[offset(block) + i];
        }
        return series;
    }
}
