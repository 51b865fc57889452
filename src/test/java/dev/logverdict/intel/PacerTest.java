package dev.logverdict.intel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {

    private final FakeClock clock = new FakeClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Pacer pacer = new Pacer(4, clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    @Test
    void spacesRequestsEvenlyAtTheConfiguredRate() throws InterruptedException {
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pacer.acquire();
            sent.add(clock.instant());
        }
        Instant start = sent.get(0);
        assertThat(sent).containsExactly(start, start.plusSeconds(15), start.plusSeconds(30), start.plusSeconds(45),
                start.plusSeconds(60));
        assertThat(sleeps).hasSize(4).allSatisfy(sleep -> assertThat(sleep).isEqualTo(Duration.ofSeconds(15)));
    }

    @Test
    void doesNotWaitWhenTheCallerWasSlowerThanTheRate() throws InterruptedException {
        pacer.acquire();
        clock.advance(Duration.ofSeconds(40));
        assertThat(pacer.waitForNextSlot()).isZero();
        pacer.acquire();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void rejectsARateBelowOnePerMinute() {
        assertThatThrownBy(() -> new Pacer(0, clock, d -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
