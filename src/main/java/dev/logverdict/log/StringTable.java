package dev.logverdict.log;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares the text of paths and user agents between clients: thousands of IPs asking for "/" hold one
 * string. Bounded; past the cap new texts are still returned, just not shared.
 */
final class StringTable {

    private final Map<Long, String> byHash = new HashMap<>();
    private final int capacity;
    private final int maxLength;

    StringTable(int capacity, int maxLength) {
        this.capacity = capacity;
        this.maxLength = maxLength;
    }

    String get(long hash, Field field, int to) {
        String text = byHash.get(hash);
        if (text == null) {
            int length = Math.min(to - field.from(), maxLength);
            text = Excerpts.of(field.bytes(), field.from(), field.from() + length, maxLength);
            if (byHash.size() < capacity) {
                byHash.put(hash, text);
            }
        }
        return text;
    }
}
