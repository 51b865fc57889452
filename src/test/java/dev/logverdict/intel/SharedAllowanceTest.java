package dev.logverdict.intel;

import dev.logverdict.storage.ObjectStore;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SharedAllowanceTest {

    private static final String BUCKET = "soc-logs";
    private static final String PREFIX = "cache/_quota/virustotal/";
    private static final Instant MIDNIGHT = Instant.parse("2026-11-27T00:00:00Z");

    /** The store's own clock, which stamps last-modified times; tests move it. */
    private Instant storeTime = MIDNIGHT;

    private final InMemoryObjectStore store = new InMemoryObjectStore(() -> storeTime);

    private RequestAllowance.Decision claimAt(SharedAllowance allowance, Instant now) {
        storeTime = now;
        return allowance.claim(now);
    }

    private SharedAllowance allowance(int perMinute, int perDay) {
        return new SharedAllowance(store, BUCKET, PREFIX, perMinute, perDay);
    }

    @Test
    void anIdleKeyGrantsTheWholeMinuteAtOnceThenNamesTheNextChance() {
        SharedAllowance allowance = allowance(4, 500);
        Instant now = MIDNIGHT.plusSeconds(1);

        assertThat(claimAt(allowance, now)).isEqualTo(new RequestAllowance.Granted(1));
        assertThat(claimAt(allowance(4, 500), now))
                .as("another invocation shares the minute")
                .isEqualTo(new RequestAllowance.Granted(2));
        assertThat(claimAt(allowance, now)).isEqualTo(new RequestAllowance.Granted(3));
        assertThat(claimAt(allowance, now.plusSeconds(10))).isEqualTo(new RequestAllowance.Granted(4));
        Instant nextChance = now.plus(Duration.ofMinutes(1)).plus(SharedAllowance.MARGIN);
        assertThat(claimAt(allowance, now.plusSeconds(30))).isEqualTo(new RequestAllowance.NotBefore(nextChance));
        assertThat(claimAt(allowance, nextChance)).isEqualTo(new RequestAllowance.Granted(5));
        assertThat(allowance.spentToday(nextChance)).isEqualTo(5);
    }

    @Test
    void oneAMinuteKeepsTwoRequestsAMinuteApart() {
        SharedAllowance allowance = allowance(1, 500);

        assertThat(claimAt(allowance, MIDNIGHT.plusSeconds(59))).isInstanceOf(RequestAllowance.Granted.class);
        assertThat(claimAt(allowance, MIDNIGHT.plusSeconds(61)))
                .isEqualTo(new RequestAllowance.NotBefore(MIDNIGHT.plusSeconds(122)));
        assertThat(claimAt(allowance, MIDNIGHT.plusSeconds(122))).isInstanceOf(RequestAllowance.Granted.class);
    }

    @Test
    void concurrentInvocationsNeverExceedThePaceInAnyMinuteNorTheDayBudget() {
        Random random = new Random(20261127);
        for (int round = 0; round < 20; round++) {
            store.objects.clear();
            int perMinute = 1 + random.nextInt(round < 15 ? 8 : 30);
            int perDay = 40 + random.nextInt(60);
            List<SharedAllowance> invocations = new ArrayList<>();
            List<Instant> nextTry = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(4); i++) {
                invocations.add(allowance(perMinute, perDay));
                nextTry.add(MIDNIGHT.plusMillis(random.nextInt(5_000)));
            }
            List<Instant> granted = new ArrayList<>();
            Instant end = MIDNIGHT.plus(Duration.ofHours(30));
            while (true) {
                int who = 0;
                for (int i = 1; i < nextTry.size(); i++) {
                    if (nextTry.get(i).isBefore(nextTry.get(who))) {
                        who = i;
                    }
                }
                Instant now = nextTry.get(who);
                if (now.isAfter(end)) {
                    break;
                }
                RequestAllowance.Decision decision = claimAt(invocations.get(who), now);
                // A grant is followed by a request of random length; a refusal by a retry at its slot or later.
                Instant next;
                if (decision instanceof RequestAllowance.Granted) {
                    granted.add(now);
                    next = now.plusMillis(random.nextInt(30_000));
                } else if (decision instanceof RequestAllowance.NotBefore notBefore) {
                    next = notBefore.slot().plusMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(25_000));
                } else if (decision instanceof RequestAllowance.DaySpent) {
                    next = now.plus(Duration.ofMinutes(30));
                } else {
                    throw new AssertionError(decision);
                }
                nextTry.set(who, next);
            }
            for (int i = 0; i + perMinute < granted.size(); i++) {
                assertThat(Duration.between(granted.get(i), granted.get(i + perMinute)))
                        .as(
                                "round %d: %d requests within a minute (limit %d a minute)",
                                round, perMinute + 1, perMinute)
                        .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
            }
            long firstDay = granted.stream()
                    .filter(t -> t.isBefore(MIDNIGHT.plus(Duration.ofDays(1))))
                    .count();
            assertThat(firstDay).as("round %d", round).isEqualTo(perDay);
            assertThat(granted.size() - firstDay)
                    .as("round %d: the next day starts afresh", round)
                    .isPositive()
                    .isLessThanOrEqualTo(perDay);
        }
    }

    @Test
    void theDayBudgetHoldsAcrossInvocationsAndARestartedOneSeesWhatWasSpent() {
        SharedAllowance first = allowance(600, 3);
        assertThat(claimAt(first, MIDNIGHT.plusSeconds(1))).isEqualTo(new RequestAllowance.Granted(1));
        assertThat(claimAt(first, MIDNIGHT.plusSeconds(2))).isEqualTo(new RequestAllowance.Granted(2));

        SharedAllowance afterACrash = allowance(600, 3);
        assertThat(afterACrash.spentToday(MIDNIGHT.plusSeconds(3))).isEqualTo(2);
        assertThat(claimAt(afterACrash, MIDNIGHT.plusSeconds(3))).isEqualTo(new RequestAllowance.Granted(3));
        assertThat(claimAt(first, MIDNIGHT.plusSeconds(4))).isEqualTo(new RequestAllowance.DaySpent(3));
        assertThat(claimAt(afterACrash, MIDNIGHT.plusSeconds(5))).isEqualTo(new RequestAllowance.DaySpent(3));
        assertThat(claimAt(first, MIDNIGHT.plus(Duration.ofDays(1)).plusSeconds(1)))
                .isEqualTo(new RequestAllowance.Granted(1));
    }

    @Test
    void aConditionalPutWhoseAnswerWasLostStillCountsAsOurs() {
        InMemoryObjectStore lossy = new InMemoryObjectStore(() -> storeTime) {
            @Override
            public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
                // The first PUT lands, its answer is lost, the client sends it again and meets it: 412.
                super.createIfAbsent(bucket, key, contentType, body);
                return false;
            }
        };
        SharedAllowance allowance = new SharedAllowance(lossy, BUCKET, PREFIX, 4, 500);

        assertThat(claimAt(allowance, MIDNIGHT)).isEqualTo(new RequestAllowance.Granted(1));
        assertThat(claimAt(allowance, MIDNIGHT)).isEqualTo(new RequestAllowance.Granted(2));
        assertThat(allowance.spentToday(MIDNIGHT)).isEqualTo(2);
    }

    @Test
    void anUnusableStoreGrantsNothing() {
        ObjectStore broken = new InMemoryObjectStore() {
            @Override
            public List<Listed> list(String bucket, String prefix) {
                throw new IllegalStateException("AccessDenied");
            }
        };
        SharedAllowance allowance = new SharedAllowance(broken, BUCKET, PREFIX, 4, 500);

        RequestAllowance.Decision decision = allowance.claim(MIDNIGHT);

        assertThat(decision).isInstanceOf(RequestAllowance.Unavailable.class);
        assertThat(((RequestAllowance.Unavailable) decision).reason()).contains("AccessDenied");
        assertThat(allowance.spentToday(MIDNIGHT)).isEqualTo(-1);
    }
}
