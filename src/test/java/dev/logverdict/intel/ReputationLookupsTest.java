package dev.logverdict.intel;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.InMemoryVerdictCache;
import dev.logverdict.support.TestClock;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ReputationLookupsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };
    /** The shared claims, as every invocation of one bucket sees them. */
    private final InMemoryObjectStore sharedStore = new InMemoryObjectStore(clock::instant);

    private RequestAllowance allowance = allowance(4, 500);
    private final InMemoryVerdictCache cache = new InMemoryVerdictCache();
    private final QuotaLedger ledger = QuotaLedger.inMemory();
    private IntelSettings settings = TestSettings.intelSettings();
    private OfflineIntel feeds = OfflineIntel.ofBlocklists(List.of());

    private static final IpAddress A = IpAddressParser.parse("185.220.101.1");
    private static final IpAddress B = IpAddressParser.parse("185.220.101.2");
    private static final IpAddress C = IpAddressParser.parse("185.220.101.3");
    private static final IpAddress D = IpAddressParser.parse("185.220.101.4");

    private static Reputation clean() {
        return new Reputation(0, 0, 60, 30, 0, 0, null, null, null, null, null, null);
    }

    private static Reputation bad() {
        return new Reputation(5, 1, 40, 30, 0, -20, null, null, null, null, null, null);
    }

    private RequestAllowance allowance(int perMinute, int perDay) {
        return new SharedAllowance(sharedStore, "soc-logs", "cache/_quota/virustotal/", perMinute, perDay);
    }

    /** A scripted service that records whom it was asked about, and when. */
    private final class ScriptedIntel implements ThreatIntel {
        final List<IpAddress> asked = Collections.synchronizedList(new ArrayList<>());
        final List<Instant> askedAt = Collections.synchronizedList(new ArrayList<>());
        final Function<IpAddress, LookupResult> answers;
        final boolean configured;

        ScriptedIntel(boolean configured, Function<IpAddress, LookupResult> answers) {
            this.configured = configured;
            this.answers = answers;
        }

        @Override
        public boolean isConfigured() {
            return configured;
        }

        @Override
        public LookupResult lookup(IpAddress address) {
            asked.add(address);
            askedAt.add(clock.instant());
            return answers.apply(address);
        }
    }

    private ReputationLookups.Outcome run(ThreatIntel intel, List<IpAddress> ips, TimeBudget budget) {
        return new ReputationLookups(
                        intel, TestSettings.verdictPolicy(), allowance, sleeper, clock, cache, feeds, ledger, settings)
                .assess(ips, budget);
    }

    private ReputationLookups.Outcome run(ThreatIntel intel, List<IpAddress> ips) {
        return run(intel, ips, TimeBudget.unlimited());
    }

    @Test
    void withoutAnApiKeyNothingIsAskedAndEveryPublicIpIsSkippedWithTheReason() {
        ScriptedIntel intel = new ScriptedIntel(false, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B));
        assertThat(intel.asked).isEmpty();
        assertThat(outcome.status()).isEqualTo(IntelStatus.NOT_CONFIGURED);
        assertThat(outcome.assessments().values()).allSatisfy(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.SKIPPED);
            assertThat(a.reason()).contains("logverdict.virustotal.api-key");
        });
    }

    @Test
    void offlineFeedsJudgeWithoutAKeyAndWithoutARequest() throws Exception {
        feeds = OfflineIntel.ofBlocklists(
                List.of(Blocklist.parse("spamhaus_drop", new StringReader("185.220.101.0/30 ; SBL1\n"))));
        ScriptedIntel intel = new ScriptedIntel(false, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, D));
        assertThat(outcome.assessments().get(A)).satisfies(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.MALICIOUS);
            assertThat(a.status()).isEqualTo(LookupStatus.FEED);
            assertThat(a.source()).isEqualTo("spamhaus_drop");
        });
        assertThat(outcome.assessments().get(D).status()).isEqualTo(LookupStatus.SKIPPED);
        assertThat(intel.asked).isEmpty();
    }

    @Test
    void spacesLookupsAtTheSharedPaceOnAFakeClock() {
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        IpAddress e = IpAddressParser.parse("185.220.101.5");
        Instant start = clock.instant();
        run(intel, List.of(A, B, C, D, e));
        assertThat(intel.asked).containsExactly(A, B, C, D, e);
        // 4 a minute: an idle key answers four at once; the fifth waits until the first is a minute old.
        assertThat(intel.askedAt.subList(0, 4)).containsOnly(start);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(1).plus(SharedAllowance.MARGIN));
        assertThat(intel.askedAt.get(4))
                .isEqualTo(start.plus(Duration.ofMinutes(1)).plus(SharedAllowance.MARGIN));
    }

    @Test
    void aRateLimitIsWaitedOutWithGrowingBackoffThenTheRunGoesOn() {
        int[] calls = {0};
        ScriptedIntel intel = new ScriptedIntel(
                true,
                ip -> ip.equals(B) && calls[0]++ < 2
                        ? new LookupResult.RateLimited("HTTP 429 TooManyRequestsError")
                        : new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B, C));
        assertThat(intel.asked).containsExactly(A, B, B, B, C);
        assertThat(outcome.status()).isEqualTo(IntelStatus.CONSULTED);
        assertThat(outcome.assessments().values())
                .allSatisfy(a -> assertThat(a.verdict()).isEqualTo(Verdict.HARMLESS));
        Duration firstBackoff = Duration.between(intel.askedAt.get(1), intel.askedAt.get(2));
        Duration secondBackoff = Duration.between(intel.askedAt.get(2), intel.askedAt.get(3));
        assertThat(firstBackoff).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(40));
        assertThat(secondBackoff)
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60))
                .isGreaterThan(firstBackoff);
        assertThat(outcome.stats().spentThisRun()).as("retries are counted").isEqualTo(5);
        assertThat(outcome.stats().spentToday()).isEqualTo(5);
    }

    @Test
    void repeatedRateLimitsStopTheRunDeferTheRestAndWarnTheNextInvocation() {
        ScriptedIntel intel = new ScriptedIntel(
                true,
                ip -> ip.equals(B)
                        ? new LookupResult.RateLimited("HTTP 429 QuotaExceededError")
                        : new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B, C, D));
        assertThat(intel.asked).containsExactly(A, B, B, B);
        assertThat(outcome.status()).isEqualTo(IntelStatus.QUOTA_EXHAUSTED);
        assertThat(outcome.assessments().get(A).verdict()).isEqualTo(Verdict.HARMLESS);
        for (IpAddress deferred : List.of(B, C, D)) {
            assertThat(outcome.assessments().get(deferred).status()).isEqualTo(LookupStatus.DEFERRED);
            assertThat(outcome.assessments().get(deferred).reason()).contains("QuotaExceededError");
        }
        assertThat(outcome.stats().exhaustedUntil()).isAfter(clock.instant());

        ScriptedIntel next = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome later = run(next, List.of(C));
        assertThat(next.asked).as("the next invocation honours the mark").isEmpty();
        assertThat(later.assessments().get(C).reason()).contains("quota exhausted until");

        clock.advance(Duration.ofMinutes(16));
        run(next, List.of(C));
        assertThat(next.asked).as("after the pause it asks again").containsExactly(C);
    }

    @Test
    void aFailedLookupIsAnErrorForThatIpOnlyNeverUnknown() {
        ScriptedIntel intel = new ScriptedIntel(
                true,
                ip -> ip.equals(A)
                        ? new LookupResult.Failed("VirusTotal answered HTTP 503 TransientError")
                        : new LookupResult.NotFound());
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B));
        assertThat(intel.asked).containsExactly(A, B);
        assertThat(outcome.assessments().get(A)).satisfies(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.ERROR);
            assertThat(a.reason()).contains("503");
        });
        assertThat(outcome.assessments().get(B).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.assessments().get(B).status()).isEqualTo(LookupStatus.NOT_FOUND);
        assertThat(cache.entries).as("failures are not cached").containsOnlyKeys(B);
    }

    @Test
    void startsALookupOnlyIfItsWorstCaseFitsBeforeTheDeadline() {
        allowance = allowance(1, 500);
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        // At one a minute, A at 0 s can take the worst case (25 s) before 70 s; B's turn at 63 s cannot.
        Instant deadline = clock.instant().plusSeconds(70);
        ReputationLookups.Outcome outcome =
                run(intel, List.of(A, B, C, D), () -> Duration.between(clock.instant(), deadline));
        assertThat(intel.asked).containsExactly(A);
        assertThat(outcome.assessments().get(C).status()).isEqualTo(LookupStatus.DEFERRED);
        assertThat(outcome.assessments().get(C).reason()).contains("time ran out");
        assertThat(outcome.status()).isEqualTo(IntelStatus.CONSULTED);
    }

    @Test
    void theDailyBudgetIsSharedAcrossInvocations() {
        allowance = allowance(4, 3);
        ScriptedIntel first = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        run(first, List.of(A, B));
        assertThat(allowance(4, 3).spentToday(clock.instant()))
                .as("what a new invocation sees")
                .isEqualTo(2);

        allowance = allowance(4, 3);
        ScriptedIntel second = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(second, List.of(C, D));
        assertThat(second.asked).containsExactly(C);
        assertThat(outcome.assessments().get(D).reason()).contains("budget").contains("requests-per-day");
        assertThat(outcome.stats().spentToday()).isEqualTo(3);

        clock.advance(Duration.ofDays(1));
        ScriptedIntel tomorrow = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        run(tomorrow, List.of(D));
        assertThat(tomorrow.asked).as("a new UTC day, a new budget").containsExactly(D);
    }

    @Test
    void aReRunResumesCachedIpsCostNothingAndTheBudgetGoesToTheRest() {
        allowance = allowance(1, 500);
        Instant deadline = clock.instant().plusSeconds(100);
        ScriptedIntel first = new ScriptedIntel(true, ip -> new LookupResult.Found(ip.equals(A) ? bad() : clean()));
        ReputationLookups.Outcome partial =
                run(first, List.of(A, B, C, D), () -> Duration.between(clock.instant(), deadline));
        assertThat(first.asked).containsExactly(A, B);

        ScriptedIntel again = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome resumed = run(again, List.of(A, B, C, D));
        assertThat(again.asked).containsExactly(C, D);
        assertThat(resumed.assessments().get(A).status()).isEqualTo(LookupStatus.CACHED);
        assertThat(resumed.assessments().get(A).verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(resumed.stats().cacheHits()).isEqualTo(2);
        assertThat(partial.assessments().get(C).status()).isEqualTo(LookupStatus.DEFERRED);
    }

    @Test
    void expiredCacheEntriesAreAskedAgainAndNotFoundExpiresSooner() {
        cache.store(A, new CachedVerdict(clean(), clock.instant().minus(Duration.ofHours(23))));
        cache.store(B, new CachedVerdict(clean(), clock.instant().minus(Duration.ofHours(25))));
        cache.store(C, new CachedVerdict(null, clock.instant().minus(Duration.ofHours(5))));
        cache.store(D, new CachedVerdict(null, clock.instant().minus(Duration.ofHours(7))));
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B, C, D));
        assertThat(intel.asked).containsExactly(B, D);
        assertThat(outcome.assessments().get(C)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(LookupStatus.CACHED);
            assertThat(a.verdict()).isEqualTo(Verdict.UNKNOWN);
        });
    }

    @Test
    void anUnreadableCacheIsReportedAndEveryIpIsLookedUp() {
        cache.failure = new CacheUnavailableException("cannot list the verdict cache: HTTP 403 AccessDenied", null);
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B));
        assertThat(intel.asked).containsExactly(A, B);
        assertThat(outcome.stats().cacheError()).contains("AccessDenied");
    }

    @Test
    void aRejectedKeyMarksEveryRemainingIpAsAnErrorAndIsReported() {
        ThreatIntel intel = new ScriptedIntel(true, ip -> {
            throw new IntelAuthenticationException("VirusTotal rejected the API key (HTTP 401)");
        });
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B, C));
        assertThat(((ScriptedIntel) intel).asked).containsExactly(A);
        assertThat(outcome.status()).isEqualTo(IntelStatus.AUTH_FAILED);
        assertThat(outcome.authFailure()).contains("rejected the API key");
        assertThat(outcome.assessments().values()).allSatisfy(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.ERROR);
        });
    }

    @Test
    void premiumKeysLookUpConcurrentlyAndStillAnswerEveryIp() {
        settings = new IntelSettings(
                3,
                2,
                Duration.ofSeconds(15),
                Duration.ofMinutes(15),
                Duration.ofHours(24),
                Duration.ofHours(6),
                2,
                Duration.ofSeconds(25));
        List<IpAddress> many = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            many.add(IpAddressParser.parse("185.220.102." + i));
        }
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = new ReputationLookups(
                        intel,
                        TestSettings.verdictPolicy(),
                        allowance(60_000, 500),
                        Sleeper.threadSleep(),
                        Clock.systemUTC(),
                        cache,
                        feeds,
                        ledger,
                        settings)
                .assess(many, TimeBudget.unlimited());
        assertThat(intel.asked).hasSize(30).doesNotHaveDuplicates();
        assertThat(outcome.assessments()).hasSize(30);
        assertThat(outcome.stats().spentThisRun()).isEqualTo(30);
    }

    @Test
    void aServerErrorIsAskedAgainThroughTheAllowanceAndEveryAttemptIsCounted() {
        int[] calls = {0};
        ScriptedIntel intel = new ScriptedIntel(
                true,
                ip -> ip.equals(A) && calls[0]++ < 2
                        ? new LookupResult.Failed("VirusTotal answered HTTP 503", true)
                        : new LookupResult.Found(clean()));

        ReputationLookups.Outcome outcome = run(intel, List.of(A, B));

        assertThat(intel.asked).containsExactly(A, A, A, B);
        assertThat(outcome.assessments().get(A).verdict()).isEqualTo(Verdict.HARMLESS);
        assertThat(outcome.stats().spentThisRun()).isEqualTo(4);
        assertThat(allowance(4, 500).spentToday(clock.instant())).isEqualTo(4);
        assertThat(sleeps)
                .as("a short pause before each retry")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        ScriptedIntel fifth = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        run(fifth, List.of(C));
        assertThat(fifth.askedAt)
                .as("the retries used the minute's allowance")
                .containsExactly(
                        intel.askedAt.get(0).plus(Duration.ofMinutes(1)).plus(SharedAllowance.MARGIN));
    }

    @Test
    void aServerErrorThatPersistsIsAnErrorAfterTheConfiguredRetries() {
        ScriptedIntel intel =
                new ScriptedIntel(true, ip -> new LookupResult.Failed("VirusTotal answered HTTP 502", true));

        ReputationLookups.Outcome outcome = run(intel, List.of(A));

        assertThat(intel.asked).containsExactly(A, A, A);
        assertThat(outcome.assessments().get(A).status()).isEqualTo(LookupStatus.ERROR);
        assertThat(outcome.assessments().get(A).reason()).contains("502");
    }

    @Test
    void anUnusableBudgetSpendsNothingAndSaysSo() {
        allowance = new SharedAllowance(
                new InMemoryObjectStore() {
                    @Override
                    public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
                        throw new IllegalStateException("HTTP 403 AccessDenied");
                    }
                },
                "soc-logs",
                "cache/_quota/virustotal/",
                4,
                500);
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));

        ReputationLookups.Outcome outcome = run(intel, List.of(A, B));

        assertThat(intel.asked).isEmpty();
        assertThat(outcome.status()).isEqualTo(IntelStatus.BUDGET_UNAVAILABLE);
        assertThat(outcome.assessments().values()).allSatisfy(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.DEFERRED);
            assertThat(a.reason()).contains("budget_unavailable").contains("AccessDenied");
        });
    }

    @Test
    void anUnreadableQuotaLedgerSpendsNothing() {
        QuotaLedger unreadable = new QuotaLedger() {
            @Override
            public Entry read(LocalDate day) {
                throw new IllegalStateException("HTTP 403 AccessDenied");
            }

            @Override
            public void add(LocalDate day, int moreSpent, Instant exhaustedUntil) {}
        };
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));

        ReputationLookups.Outcome outcome = new ReputationLookups(
                        intel,
                        TestSettings.verdictPolicy(),
                        allowance,
                        sleeper,
                        clock,
                        cache,
                        feeds,
                        unreadable,
                        settings)
                .assess(List.of(A), TimeBudget.unlimited());

        assertThat(intel.asked).isEmpty();
        assertThat(outcome.status()).isEqualTo(IntelStatus.BUDGET_UNAVAILABLE);
        assertThat(outcome.assessments().get(A).reason()).contains("quota ledger could not be read");
    }

    @Test
    void aCrashMidRunLosesNoRecordedSpend() {
        ScriptedIntel intel = new ScriptedIntel(true, ip -> {
            if (ip.equals(C)) {
                throw new OutOfMemoryError("the runtime dies mid-request");
            }
            return new LookupResult.Found(clean());
        });

        try {
            run(intel, List.of(A, B, C, D));
        } catch (OutOfMemoryError expected) {
            // the invocation is gone; what it spent must still count
        }

        assertThat(intel.asked).containsExactly(A, B, C);
        assertThat(allowance(4, 500).spentToday(clock.instant()))
                .as("the request in flight counts too")
                .isEqualTo(3);
    }
}
