package dev.logverdict.intel;

import dev.logverdict.intel.sources.Infrastructure;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides every public IP's verdict, spending as little quota as possible: offline sources first (free:
 * blocklists, and verified crawlers, which are never sent to a provider),
 * then the cache (free within its TTL), then the provider (VirusTotal, AbuseIPDB) in priority order. Every request, retries
 * included, needs a grant of the shared {@link RequestAllowance} (the pace and the day's budget of all
 * invocations together), and starts only if its worst-case duration fits in the invocation's time. Every
 * IP it was given comes back with an assessment: those it did not get to are {@code not_checked}/
 * {@code deferred} with the reason, never a guess.
 */
public final class ReputationLookups {

    private final ThreatIntel intel;
    private final Provider provider;
    private final RequestAllowance allowance;
    private final Sleeper sleeper;
    private final Clock clock;
    private final VerdictCache cache;
    private final OfflineIntel offline;
    private final QuotaLedger ledger;
    private final IntelSettings settings;

    public ReputationLookups(
            ThreatIntel intel,
            VerdictPolicy policy,
            RequestAllowance allowance,
            Sleeper sleeper,
            Clock clock,
            VerdictCache cache,
            OfflineIntel offline,
            QuotaLedger ledger,
            IntelSettings settings) {
        this(intel, Provider.virusTotal(policy), allowance, sleeper, clock, cache, offline, ledger, settings);
    }

    public ReputationLookups(
            ThreatIntel intel,
            Provider provider,
            RequestAllowance allowance,
            Sleeper sleeper,
            Clock clock,
            VerdictCache cache,
            OfflineIntel offline,
            QuotaLedger ledger,
            IntelSettings settings) {
        this.intel = intel;
        this.provider = provider;
        this.allowance = allowance;
        this.sleeper = sleeper;
        this.clock = clock;
        this.cache = cache;
        this.offline = offline;
        this.ledger = ledger;
        this.settings = settings;
    }

    /**
     * The run's outcome: an assessment for every IP given, how the service behaved, and, when it rejected
     * our credentials, its message (to fail the invocation once the report is written).
     */
    public record Outcome(
            Map<IpAddress, Assessment> assessments,
            IntelStatus status,
            String authFailure,
            IntelStats stats,
            Map<String, Outcome> providers) {

        public Outcome(
                Map<IpAddress, Assessment> assessments, IntelStatus status, String authFailure, IntelStats stats) {
            this(assessments, status, authFailure, stats, Map.of());
        }

        /**
         * How this run fared, without its answer for each IP: what a combined outcome keeps of every
         * provider's run, whose answers it has already merged into its own.
         */
        public Outcome withoutAssessments() {
            return new Outcome(Map.of(), status, authFailure, stats, providers);
        }
    }

    public Provider provider() {
        return provider;
    }

    /** The reason a scan gives the IPs it leaves for the scheduled lookups. */
    public static final String QUEUED = "queued: the key's pace allows no more requests now; the scheduled lookups "
            + "ask about it and refresh this report";

    /**
     * For a scan: spends only the requests the pace grants right now and leaves the rest {@code deferred}
     * with {@link #QUEUED}, so the invocation never sleeps for quota.
     */
    public Outcome assessNow(List<IpAddress> publicIpsByPriority, TimeBudget budget) {
        return assess(publicIpsByPriority, budget, false);
    }

    /** For the scheduled lookups: waits for the pace's next grant while the time budget allows. */
    public Outcome assess(List<IpAddress> publicIpsByPriority, TimeBudget budget) {
        return assess(publicIpsByPriority, budget, true);
    }

    private Outcome assess(List<IpAddress> publicIpsByPriority, TimeBudget budget, boolean waitForPace) {
        // Asked once: for a key kept in a secret that could not be read yet, asking reads it again.
        boolean configured = intel.isConfigured();
        Map<IpAddress, Assessment> assessments = new ConcurrentHashMap<>();
        List<IpAddress> unresolved = new ArrayList<>();
        for (IpAddress ip : publicIpsByPriority) {
            Assessment offlineAnswer = offlineAnswer(ip);
            if (offlineAnswer != null) {
                assessments.put(ip, offlineAnswer);
            } else {
                unresolved.add(ip);
            }
        }

        String cacheError = null;
        long cacheHits = 0;
        if (configured && !unresolved.isEmpty()) {
            try {
                Map<IpAddress, CachedVerdict> cached = cache.lookupAll(unresolved);
                List<IpAddress> stillUnresolved = new ArrayList<>();
                Instant now = clock.instant();
                for (IpAddress ip : unresolved) {
                    CachedVerdict entry = cached.get(ip);
                    if (entry != null && isFresh(entry, now)) {
                        assessments.put(ip, fromCache(entry));
                        cacheHits++;
                    } else {
                        stillUnresolved.add(ip);
                    }
                }
                unresolved = stillUnresolved;
            } catch (CacheUnavailableException e) {
                cacheError = e.getMessage();
            }
        }

        if (!configured) {
            Optional<String> unavailable = intel.unavailableReason();
            String reason = unavailable.orElse(
                    "no " + provider.name() + " API key configured (logverdict." + provider.id() + ".api-key)");
            Assessment skipped = Assessment.skipped(reason);
            unresolved.forEach(ip -> assessments.put(ip, skipped));
            return new Outcome(
                    assessments,
                    unavailable.isPresent() ? IntelStatus.KEY_UNAVAILABLE : IntelStatus.NOT_CONFIGURED,
                    null,
                    new IntelStats(0, 0, cacheError, allowance.requestsPerDay(), 0, 0, null));
        }
        Run run = new Run(unresolved, budget, assessments, waitForPace);
        if (cacheError == null) {
            cacheError = run.cacheError.get();
        }
        int spentToday = allowance.spentToday(clock.instant());
        return new Outcome(
                assessments,
                run.status(),
                run.authFailure.get(),
                new IntelStats(
                        cacheHits,
                        run.stored.get(),
                        cacheError,
                        allowance.requestsPerDay(),
                        spentToday < 0 ? run.lastGrantedCount.get() : spentToday,
                        run.used.get(),
                        run.exhaustedUntil.get()));
    }

    /** A blocklist match, or a verified crawler (never asked about), or the two in conflict; null otherwise. */
    private Assessment offlineAnswer(IpAddress ip) {
        Optional<String> feed = offline.blocklist(ip);
        Optional<Infrastructure> crawler = offline.crawler(ip);
        if (crawler.isPresent() && feed.isPresent()) {
            // One of the two sources is wrong; blocking a search engine silently is as bad as missing an attacker.
            return new Assessment(
                    Verdict.SUSPICIOUS,
                    LookupStatus.CONFLICT,
                    "listed by the blocklist " + feed.get()
                            + " and inside the published ranges of the verified crawler "
                            + crawler.get().label()
                            + ": check before blocking",
                    feed.get(),
                    null);
        }
        if (crawler.isPresent()) {
            return new Assessment(
                    Verdict.HARMLESS,
                    LookupStatus.VERIFIED_CRAWLER,
                    "inside the published ranges of the " + "verified crawler "
                            + crawler.get().label() + "; not sent to any provider",
                    crawler.get().source(),
                    null);
        }
        return feed.map(name -> new Assessment(
                        Verdict.MALICIOUS, LookupStatus.FEED, "listed by the offline feed " + name, name, null))
                .orElse(null);
    }

    private boolean isFresh(CachedVerdict entry, Instant now) {
        Duration ttl = entry.notFound() ? settings.notFoundTtl() : settings.cacheTtl();
        return entry.fetchedAt() != null
                && !entry.fetchedAt().plus(ttl).isBefore(now)
                && !entry.fetchedAt().isAfter(now.plusSeconds(300));
    }

    private Assessment fromCache(CachedVerdict entry) {
        if (entry.notFound()) {
            return new Assessment(
                    Verdict.UNKNOWN,
                    LookupStatus.CACHED,
                    provider.name() + " had no record of this IP on " + entry.fetchedAt(),
                    provider.cachedSource(),
                    null,
                    entry.fetchedAt());
        }
        return new Assessment(
                provider.policy().verdictFor(entry.reputation()),
                LookupStatus.CACHED,
                null,
                provider.cachedSource(),
                entry.reputation(),
                entry.fetchedAt());
    }

    private Assessment fromLookup(LookupResult result) {
        if (result instanceof LookupResult.Found found) {
            return new Assessment(
                    provider.policy().verdictFor(found.reputation()),
                    LookupStatus.OK,
                    null,
                    provider.id(),
                    found.reputation(),
                    clock.instant());
        }
        if (result instanceof LookupResult.NotFound) {
            return new Assessment(
                    Verdict.UNKNOWN,
                    LookupStatus.NOT_FOUND,
                    provider.name() + " has no record of this IP",
                    provider.id(),
                    null,
                    clock.instant());
        }
        if (result instanceof LookupResult.Failed failed) {
            return new Assessment(Verdict.NOT_CHECKED, LookupStatus.ERROR, failed.reason(), provider.id(), null);
        }
        throw new IllegalStateException("unexpected lookup result " + result);
    }

    /** One pass of the provider's lookups over the IPs feeds and cache could not settle. */
    private final class Run {
        final List<IpAddress> queue;
        final TimeBudget budget;
        final Map<IpAddress, Assessment> assessments;
        final LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger used = new AtomicInteger();
        final AtomicInteger lastGrantedCount = new AtomicInteger();
        final AtomicInteger stored = new AtomicInteger();
        final AtomicReference<String> stopReason = new AtomicReference<>();
        final AtomicReference<LookupStatus> stopStatus = new AtomicReference<>(LookupStatus.DEFERRED);
        private volatile Assessment stoppedAnswer;
        final AtomicReference<String> authFailure = new AtomicReference<>();
        final AtomicReference<Instant> exhaustedUntil = new AtomicReference<>();
        final AtomicReference<String> cacheError = new AtomicReference<>();
        final boolean waitForPace;
        volatile boolean quotaExhausted;
        volatile boolean budgetUnavailable;

        Run(List<IpAddress> queue, TimeBudget budget, Map<IpAddress, Assessment> assessments, boolean waitForPace) {
            this.queue = queue;
            this.waitForPace = waitForPace;
            this.budget = budget;
            this.assessments = assessments;
            if (!queue.isEmpty()) {
                readExhaustionMark();
                execute();
            }
            recordExhaustion();
        }

        private void readExhaustionMark() {
            Instant marked;
            try {
                marked = ledger.read(day).exhaustedUntil();
            } catch (RuntimeException e) {
                // Not knowing whether the provider asked us to stop is not a licence to ask.
                budgetUnavailable = true;
                stop(
                        "budget_unavailable: the quota ledger could not be read (" + e.getMessage()
                                + "); nothing was spent",
                        LookupStatus.DEFERRED);
                return;
            }
            if (marked != null && marked.isAfter(clock.instant())) {
                quotaExhausted = true;
                exhaustedUntil.set(marked);
                stop(
                        provider.name() + " quota exhausted until " + marked
                                + " (noted by an earlier run); re-run the scan after it",
                        LookupStatus.DEFERRED);
            }
        }

        private void execute() {
            int workers = Math.min(settings.maxConcurrency(), queue.size());
            if (workers == 1) {
                work();
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            for (int i = 0; i < workers; i++) {
                pool.execute(this::work);
            }
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    // waiting for the workers; each stops at the deadline on its own
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("lookups interrupted", LookupStatus.DEFERRED);
                pool.shutdownNow();
            }
        }

        private void work() {
            for (int index = next.getAndIncrement(); index < queue.size(); index = next.getAndIncrement()) {
                IpAddress ip = queue.get(index);
                assessments.put(ip, stopReason.get() != null ? deferred() : lookUp(ip));
            }
        }

        private Assessment lookUp(IpAddress ip) {
            Duration backoff = settings.rateLimitBackoff();
            int rateLimited = 0;
            int transientFailures = 0;
            while (true) {
                if (!permitted()) {
                    return deferred();
                }
                used.incrementAndGet();
                LookupResult result;
                try {
                    result = intel.lookup(ip);
                } catch (IntelAuthenticationException e) {
                    authFailure.compareAndSet(null, e.getMessage());
                    stop(e.getMessage(), LookupStatus.ERROR);
                    return new Assessment(Verdict.NOT_CHECKED, LookupStatus.ERROR, e.getMessage(), provider.id(), null);
                }
                if (result instanceof LookupResult.Failed failed && failed.retryable()) {
                    // A 5xx or timeout is asked again, through the allowance like any request, after a short pause.
                    Duration pause = Duration.ofSeconds(1L << Math.min(transientFailures, 5));
                    if (transientFailures >= settings.transientRetries()
                            || !fitsBeforeDeadline(pause.plus(settings.worstCaseLookup()))
                            || !pause(pause)) {
                        return fromLookup(new LookupResult.Failed(
                                failed.reason() + " (after " + transientFailures
                                        + (transientFailures == 1 ? " retry)" : " retries)"),
                                true));
                    }
                    transientFailures++;
                    continue;
                }
                if (!(result instanceof LookupResult.RateLimited limited)) {
                    remember(ip, result);
                    return fromLookup(result);
                }
                Duration wait = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
                if (rateLimited++ >= settings.rateLimitRetries()
                        || !fitsBeforeDeadline(wait.plus(settings.worstCaseLookup()))) {
                    quotaExhausted = true;
                    exhaustedUntil.set(clock.instant().plus(settings.quotaPause()));
                    stop(
                            provider.name() + " quota or rate limit reached (" + limited.reason() + ", " + rateLimited
                                    + " times); re-run the scan later",
                            LookupStatus.DEFERRED);
                    return deferred();
                }
                if (!pause(wait)) {
                    return deferred();
                }
                backoff = backoff.multipliedBy(2);
            }
        }

        /**
         * Waits for the allowance's grant while a request could still finish before the deadline; false
         * (with the run stopped and the reason set) when none may be made.
         */
        private boolean permitted() {
            while (stopReason.get() == null) {
                if (!fitsBeforeDeadline(settings.worstCaseLookup())) {
                    stop(
                            "invocation time ran out before this IP's turn; re-run the scan to continue",
                            LookupStatus.DEFERRED);
                    return false;
                }
                RequestAllowance.Decision decision = allowance.claim(clock.instant());
                if (decision instanceof RequestAllowance.Granted granted) {
                    lastGrantedCount.accumulateAndGet(granted.spentToday(), Math::max);
                    return true;
                }
                if (decision instanceof RequestAllowance.NotBefore notBefore) {
                    if (!waitForPace) {
                        stop(QUEUED, LookupStatus.DEFERRED);
                        return false;
                    }
                    Duration wait = Duration.between(clock.instant(), notBefore.slot());
                    if (!fitsBeforeDeadline(wait.plus(settings.worstCaseLookup()))) {
                        stop(
                                "invocation time ran out before this IP's turn; re-run the scan to continue",
                                LookupStatus.DEFERRED);
                        return false;
                    }
                    if (!wait.isNegative() && !wait.isZero() && !pause(wait)) {
                        return false;
                    }
                } else if (decision instanceof RequestAllowance.DaySpent spent) {
                    stop(
                            "the day's " + provider.name() + " budget (" + spent.requestsPerDay() + " lookups, "
                                    + "logverdict." + provider.id()
                                    + ".requests-per-day) is spent; re-run the scan tomorrow",
                            LookupStatus.DEFERRED);
                } else if (decision instanceof RequestAllowance.Unavailable unavailable) {
                    budgetUnavailable = true;
                    stop("budget_unavailable: " + unavailable.reason() + "; nothing was spent", LookupStatus.DEFERRED);
                }
            }
            return false;
        }

        private boolean pause(Duration wait) {
            try {
                sleeper.sleep(wait);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("lookups interrupted", LookupStatus.DEFERRED);
                return false;
            }
        }

        /** One answer for every IP left once the run stopped: a large log leaves tens of thousands. */
        private Assessment deferred() {
            Assessment answer = stoppedAnswer;
            return answer != null
                    ? answer
                    : new Assessment(Verdict.NOT_CHECKED, stopStatus.get(), stopReason.get(), null, null);
        }

        private void remember(IpAddress ip, LookupResult result) {
            CachedVerdict entry = result instanceof LookupResult.Found found
                    ? new CachedVerdict(found.reputation(), clock.instant())
                    : result instanceof LookupResult.NotFound ? new CachedVerdict(null, clock.instant()) : null;
            if (entry == null) {
                return;
            }
            try {
                cache.store(ip, entry);
                stored.incrementAndGet();
            } catch (RuntimeException e) {
                cacheError.compareAndSet(null, "cache write failed: " + e.getMessage());
            }
        }

        private boolean fitsBeforeDeadline(Duration wait) {
            return budget.remaining().compareTo(wait) > 0;
        }

        private void stop(String reason, LookupStatus status) {
            if (stopReason.compareAndSet(null, reason)) {
                stopStatus.set(status);
                stoppedAnswer = new Assessment(Verdict.NOT_CHECKED, status, reason, null, null);
            }
        }

        /** Spend is recorded by the allowance as it happens; the ledger keeps the provider's "stop" for later runs. */
        private void recordExhaustion() {
            if (!quotaExhausted || exhaustedUntil.get() == null) {
                return;
            }
            try {
                ledger.add(day, 0, exhaustedUntil.get());
            } catch (RuntimeException e) {
                cacheError.compareAndSet(null, "quota ledger not updated: " + e.getMessage());
            }
        }

        IntelStatus status() {
            if (authFailure.get() != null) {
                return IntelStatus.AUTH_FAILED;
            }
            if (budgetUnavailable) {
                return IntelStatus.BUDGET_UNAVAILABLE;
            }
            return quotaExhausted ? IntelStatus.QUOTA_EXHAUSTED : IntelStatus.CONSULTED;
        }
    }
}
