package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.SipHash;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TopNTest {

    private static final int CAPACITY = 4;
    private static final SipHash HASHING = SipHash.keyedBy(new Random());

    /** One client's slots and text references, as in its record. */
    private static final class Client {
        final long[] slots = new long[CAPACITY];
        final Object[] texts = new Object[CAPACITY];

        void add(String value, long hash, SharedTexts strings) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            new TopN(0, CAPACITY, 0, CAPACITY, strings).add(slots, 0, texts, 0, hash, bytes, 0, bytes.length);
        }

        void add(String value, SharedTexts strings) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            add(value, HASHING.hash(bytes, 0, bytes.length) | 1, strings);
        }

        void addAll(List<String> values, SharedTexts strings) {
            values.forEach(value -> add(value, strings));
        }

        List<TopN.Entry> top(SharedTexts strings) {
            return new TopN(0, CAPACITY, 0, CAPACITY, strings).entries(slots, 0, texts, 0);
        }
    }

    @Test
    void findsSharedTextsByKeyAndKeepsItsOwnCopyOfTextsTheFullTableDoesNotHold() {
        SharedTexts strings = new SharedTexts(2, 200);
        Client client = new Client();
        client.addAll(List.of("/a", "/b", "/c", "/d", "/c", "/a", "/d", "/d"), strings);

        assertThat(client.top(strings))
                .containsExactly(
                        new TopN.Entry("/d", 3),
                        new TopN.Entry("/a", 2),
                        new TopN.Entry("/c", 2),
                        new TopN.Entry("/b", 1));
        // Only the first two texts are in the table; the others are the client's own.
        assertThat(client.texts).containsExactly(null, null, "/c", "/d");
    }

    @Test
    void showsEachClientItsOwnTextWhenTwoTextsShareAKey() {
        // Two hashes with the same top 36 bits: the table finds only the first text by that key.
        long key = 0x5EED_0000_1234_5000L & SharedTexts.KEY_MASK;
        long first = key | 0x0FF_0001L;
        long second = key | 0x0AB_0003L;
        SharedTexts strings = new SharedTexts(100, 200);
        Client early = new Client();
        Client late = new Client();
        Client later = new Client();
        early.add("/first", first, strings);
        late.add("/second", second, strings);
        late.add("/second", second, strings);
        early.add("/second", second, strings);
        // By now "/second" is in the table too, behind "/first".
        later.add("/second", second, strings);

        assertThat(late.top(strings)).containsExactly(new TopN.Entry("/second", 2));
        assertThat(later.top(strings)).containsExactly(new TopN.Entry("/second", 1));
        // Within one client the two share a slot, as any two values with one key do: the first text names it.
        assertThat(early.top(strings)).containsExactly(new TopN.Entry("/first", 2));
        assertThat(strings.byKey(key)).isEqualTo("/first");
    }

    @Test
    void replacesTheLeastCountedSlotAndInheritsItsCount() {
        SharedTexts strings = new SharedTexts(100, 200);
        Client client = new Client();
        client.addAll(List.of("/1", "/1", "/2", "/2", "/3", "/3", "/4", "/5"), strings);

        // "/5" took "/4"'s slot (count 1) and counts 2, an upper bound of its true count.
        assertThat(client.top(strings))
                .containsExactly(
                        new TopN.Entry("/1", 2),
                        new TopN.Entry("/2", 2),
                        new TopN.Entry("/3", 2),
                        new TopN.Entry("/5", 2));
    }
}
