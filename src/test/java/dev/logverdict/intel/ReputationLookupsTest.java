package dev.logverdict.intel;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.feeds.FeedIndex;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ReputationLookupsTest {

    private final FakeClock clock = new FakeClock();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final Pacer pacer = new Pacer(4, clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });
    private final MemoryCache cache = new MemoryCache();
    private final QuotaLedger ledger = QuotaLedger.inMemory();
    private IntelSettings settings = IntelSettings.defaults();
    private FeedIndex feeds = FeedIndex.empty();

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

    /** A scripted service that records whom it was asked about. */
    private static final class ScriptedIntel implements ThreatIntel {
        final List<IpAddress> asked = Collections.synchronizedList(new ArrayList<>());
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
            return answers.apply(address);
        }
    }

    private static final class MemoryCache implements VerdictCache {
        final Map<IpAddress, CachedVerdict> entries = Collections.synchronizedMap(new HashMap<>());
        RuntimeException failure;

        @Override
        public Map<IpAddress, CachedVerdict> lookupAll(Collection<IpAddress> addresses) {
            if (failure != null) {
                throw failure;
            }
            Map<IpAddress, CachedVerdict> found = new HashMap<>();
            addresses.forEach(ip -> {
                if (entries.containsKey(ip)) {
                    found.put(ip, entries.get(ip));
                }
            });
            return found;
        }

        @Override
        public void store(IpAddress address, CachedVerdict verdict) {
            entries.put(address, verdict);
        }
    }

    private ReputationLookups.Outcome run(ThreatIntel intel, List<IpAddress> ips, TimeBudget budget) {
        return new ReputationLookups(intel, VerdictPolicy.defaults(), pacer, clock, cache, feeds, ledger, settings)
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
        feeds = new FeedIndex(List.of(Blocklist.parse("spamhaus_drop", new StringReader("185.220.101.0/30 ; SBL1\n"))));
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
    void spacesLookupsAtTheConfiguredRateOnAFakeClock() {
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        Instant start = clock.instant();
        run(intel, List.of(A, B, C, D));
        assertThat(intel.asked).containsExactly(A, B, C, D);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(45));
    }

    @Test
    void aRateLimitIsWaitedOutWithGrowingBackoffThenTheRunGoesOn() {
        int[] calls = {0};
        ScriptedIntel intel = new ScriptedIntel(true, ip -> ip.equals(B) && calls[0]++ < 2
                ? new LookupResult.RateLimited("HTTP 429 TooManyRequestsError") : new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B, C));
        assertThat(intel.asked).containsExactly(A, B, B, B, C);
        assertThat(outcome.status()).isEqualTo(IntelStatus.CONSULTED);
        assertThat(outcome.assessments().values()).allSatisfy(a -> assertThat(a.verdict()).isEqualTo(Verdict.HARMLESS));
        List<Duration> backoffs = sleeps.stream().filter(d -> !d.equals(Duration.ofSeconds(15)) || sleeps.indexOf(d) > 10).toList();
        assertThat(backoffs).hasSize(2);
        assertThat(backoffs.get(0)).isBetween(Duration.ofSeconds(15), Duration.ofMillis(22_500));
        assertThat(backoffs.get(1)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(45));
        assertThat(outcome.stats().spentThisRun()).isEqualTo(5);
    }

    @Test
    void repeatedRateLimitsStopTheRunDeferTheRestAndWarnTheNextInvocation() {
        ScriptedIntel intel = new ScriptedIntel(true,
                ip -> ip.equals(B) ? new LookupResult.RateLimited("HTTP 429 QuotaExceededError") : new LookupResult.Found(clean()));
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
        ScriptedIntel intel = new ScriptedIntel(true,
                ip -> ip.equals(A) ? new LookupResult.Failed("VirusTotal answered HTTP 503 TransientError") : new LookupResult.NotFound());
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
    void stopsBeforeTheDeadlineInsteadOfWaitingPastIt() {
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        Instant deadline = clock.instant().plusSeconds(20);
        ReputationLookups.Outcome outcome = run(intel, List.of(A, B, C, D), () -> Duration.between(clock.instant(), deadline));
        assertThat(intel.asked).containsExactly(A, B);
        assertThat(outcome.assessments().get(C).status()).isEqualTo(LookupStatus.DEFERRED);
        assertThat(outcome.assessments().get(C).reason()).contains("time ran out");
        assertThat(outcome.status()).isEqualTo(IntelStatus.CONSULTED);
    }

    @Test
    void theDailyBudgetIsSharedAcrossInvocations() {
        settings = new IntelSettings(3, 1, 2, Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(6));
        ScriptedIntel first = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        run(first, List.of(A, B));
        assertThat(ledger.read(LocalDate.of(2026, 11, 27)).spent()).isEqualTo(2);

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
        Instant deadline = clock.instant().plusSeconds(20);
        ScriptedIntel first = new ScriptedIntel(true, ip -> new LookupResult.Found(ip.equals(A) ? bad() : clean()));
        ReputationLookups.Outcome partial = run(first, List.of(A, B, C, D), () -> Duration.between(clock.instant(), deadline));
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
        settings = new IntelSettings(500, 3, 2, Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(6));
        List<IpAddress> many = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            many.add(IpAddressParser.parse("185.220.102." + i));
        }
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = new ReputationLookups(intel, VerdictPolicy.defaults(),
                new Pacer(60_000, java.time.Clock.systemUTC(), d -> Thread.sleep(d.toMillis())), clock, cache, feeds, ledger, settings)
                .assess(many, TimeBudget.unlimited());
        assertThat(intel.asked).hasSize(30).doesNotHaveDuplicates();
        assertThat(outcome.assessments()).hasSize(30);
        assertThat(outcome.stats().spentThisRun()).isEqualTo(30);
    }
}
