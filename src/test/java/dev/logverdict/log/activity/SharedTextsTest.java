package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.SipHash;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SharedTextsTest {

    private static final SipHash HASHING = SipHash.keyedBy(new Random(7));

    private static boolean share(SharedTexts table, long hash, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return table.share(hash, bytes, 0, bytes.length);
    }

    private static long hashOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return HASHING.hash(bytes, 0, bytes.length) | 1;
    }

    @Test
    void growsFromFewSlotsAndStillFindsEveryTextItShared() {
        SharedTexts table = new SharedTexts(50_000, 200);
        int texts = SharedTexts.FIRST_SLOTS * 40;
        for (int i = 0; i < texts; i++) {
            assertThat(share(table, hashOf("/path/" + i), "/path/" + i)).isTrue();
        }
        for (int i = 0; i < texts; i++) {
            assertThat(table.byKey(SharedTexts.key(hashOf("/path/" + i)))).isEqualTo("/path/" + i);
        }
        // Half full at most, under a keyed hash: runs stay short however often the table grew.
        assertThat(table.longestRun()).isLessThan(SharedTexts.MAX_PROBES / 2);
    }

    @Test
    void aKeyKeepsFindingItsFirstTextAfterTheTableGrowsEvenWhenItsRunWrappedAround() {
        SharedTexts table = new SharedTexts(50_000, 200);
        // Both texts have the key of the first table's last slot: the second one wraps to slot 0, so
        // moving texts in slot order would put it first and the key would find the wrong text.
        long key = (long) (SharedTexts.FIRST_SLOTS - 1) << 28;
        assertThat(share(table, key | 1, "/first")).isTrue();
        assertThat(share(table, key | 3, "/second")).as("its key is taken").isFalse();
        for (int i = 0; i < SharedTexts.FIRST_SLOTS * 8; i++) {
            share(table, hashOf("/filler/" + i), "/filler/" + i);
        }
        assertThat(table.byKey(key)).isEqualTo("/first");
        assertThat(share(table, key | 3, "/second"))
                .as("still not found by its key")
                .isFalse();
        assertThat(share(table, key | 1, "/first")).isTrue();
    }

    @Test
    void stopsAtItsCapacityWhileItGrows() {
        SharedTexts table = new SharedTexts(3_000, 200);
        int shared = 0;
        for (int i = 0; i < 5_000; i++) {
            if (share(table, hashOf("/p" + i), "/p" + i)) {
                shared++;
            }
        }
        assertThat(shared).isEqualTo(3_000);
        assertThat(table.byKey(SharedTexts.key(hashOf("/p2999")))).isEqualTo("/p2999");
    }
}
