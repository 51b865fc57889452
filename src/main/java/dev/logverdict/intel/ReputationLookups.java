package dev.logverdict.intel;

import dev.logverdict.intel.feeds.FeedIndex;
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
 * Decides every public IP's verdict, spending as little quota as possible: offline feeds first (free),
 * then the cache (free within its TTL), then VirusTotal in priority order, paced, within the day's budget
 * and the invocation's time. Every IP it was given comes back with an assessment: those it did not get to
 * are {@code not_checked}/{@code deferred} with the reason, never a guess.
 */
public final class ReputationLookups {

    static final String SOURCE = "virustotal";
    static final String CACHED_SOURCE = "virustotal (cache)";

    private final ThreatIntel intel;
    private final VerdictPolicy policy;
    private final Pacer pacer;
    private final Clock clock;
    private final VerdictCache cache;
    private final FeedIndex feeds;
    private final QuotaLedger ledger;
    private final IntelSettings settings;

    public ReputationLookups(ThreatIntel intel, VerdictPolicy policy, Pacer pacer, Clock clock, VerdictCache cache,
                             FeedIndex feeds, QuotaLedger ledger, IntelSettings settings) {
        this.intel = intel;
        this.policy = policy;
        this.pacer = pacer;
        this.clock = clock;
        this.cache = cache;
        this.feeds = feeds;
        this.ledger = ledger;
        this.settings = settings;
    }

    /**
     * The run's outcome: an assessment for every IP given, how the service behaved, and, when it rejected
     * our credentials, its message (to fail the invocation once the report is written).
     */
    public record Outcome(Map<IpAddress, Assessment> assessments, IntelStatus status, String authFailure, IntelStats stats) {
    }

    public Outcome assess(List<IpAddress> publicIpsByPriority, TimeBudget budget) {
        Map<IpAddress, Assessment> assessments = new ConcurrentHashMap<>();
        List<IpAddress> unresolved = new ArrayList<>();
        for (IpAddress ip : publicIpsByPriority) {
            Optional<String> feed = feeds.match(ip);
            if (feed.isPresent()) {
                assessments.put(ip, new Assessment(Verdict.MALICIOUS, LookupStatus.FEED, "listed by the offline feed " + feed.get(), feed.get(), null));
            } else {
                unresolved.add(ip);
            }
        }

        String cacheError = null;
        long cacheHits = 0;
        if (intel.isConfigured() && !unresolved.isEmpty()) {
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

        if (!intel.isConfigured()) {
            unresolved.forEach(ip -> assessments.put(ip, Assessment.skipped(
                    "no VirusTotal API key configured (logverdict.virustotal.api-key)")));
            return new Outcome(assessments, IntelStatus.NOT_CONFIGURED, null,
                    new IntelStats(0, 0, cacheError, settings.requestsPerDay(), 0, 0, null));
        }
        Run run = new Run(unresolved, budget, assessments);
        if (cacheError == null) {
            cacheError = run.cacheError.get();
        }
        return new Outcome(assessments, run.status(), run.authFailure.get(), new IntelStats(cacheHits, run.stored.get(),
                cacheError, settings.requestsPerDay(), run.ledgerBefore.spent() + run.used.get(), run.used.get(),
                run.exhaustedUntil.get()));
    }

    private boolean isFresh(CachedVerdict entry, Instant now) {
        Duration ttl = entry.notFound() ? settings.notFoundTtl() : settings.cacheTtl();
        return entry.fetchedAt() != null && !entry.fetchedAt().plus(ttl).isBefore(now) && !entry.fetchedAt().isAfter(now.plusSeconds(300));
    }

    private Assessment fromCache(CachedVerdict entry) {
        if (entry.notFound()) {
            return new Assessment(Verdict.UNKNOWN, LookupStatus.CACHED, "VirusTotal had no record of this IP on "
                    + entry.fetchedAt(), CACHED_SOURCE, null);
        }
        return new Assessment(policy.verdictFor(entry.reputation()), LookupStatus.CACHED, null, CACHED_SOURCE,
                entry.reputation());
    }

    private Assessment fromLookup(LookupResult result) {
        if (result instanceof LookupResult.Found found) {
            return new Assessment(policy.verdictFor(found.reputation()), LookupStatus.OK, null, SOURCE, found.reputation());
        }
        if (result instanceof LookupResult.NotFound) {
            return new Assessment(Verdict.UNKNOWN, LookupStatus.NOT_FOUND, "VirusTotal has no record of this IP", SOURCE, null);
        }
        if (result instanceof LookupResult.Failed failed) {
            return new Assessment(Verdict.NOT_CHECKED, LookupStatus.ERROR, failed.reason(), SOURCE, null);
        }
        throw new IllegalStateException("unexpected lookup result " + result);
    }

    /** One pass of VirusTotal lookups over the IPs feeds and cache could not settle. */
    private final class Run {
        final List<IpAddress> queue;
        final TimeBudget budget;
        final Map<IpAddress, Assessment> assessments;
        final LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        final QuotaLedger.Entry ledgerBefore;
        final int allowance;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger used = new AtomicInteger();
        final AtomicInteger stored = new AtomicInteger();
        final AtomicReference<String> stopReason = new AtomicReference<>();
        final AtomicReference<LookupStatus> stopStatus = new AtomicReference<>(LookupStatus.DEFERRED);
        final AtomicReference<String> authFailure = new AtomicReference<>();
        final AtomicReference<Instant> exhaustedUntil = new AtomicReference<>();
        final AtomicReference<String> cacheError = new AtomicReference<>();
        volatile boolean quotaExhausted;

        Run(List<IpAddress> queue, TimeBudget budget, Map<IpAddress, Assessment> assessments) {
            this.queue = queue;
            this.budget = budget;
            this.assessments = assessments;
            this.ledgerBefore = readLedger();
            this.allowance = Math.max(0, settings.requestsPerDay() - ledgerBefore.spent());
            Instant marked = ledgerBefore.exhaustedUntil();
            if (marked != null && marked.isAfter(clock.instant())) {
                quotaExhausted = true;
                exhaustedUntil.set(marked);
                stopReason.set("VirusTotal quota exhausted until " + marked + " (noted by an earlier run); re-run the scan after it");
            }
            if (!queue.isEmpty()) {
                execute();
            }
            recordSpend();
        }

        private QuotaLedger.Entry readLedger() {
            try {
                return ledger.read(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            } catch (RuntimeException e) {
                cacheError.set("quota ledger unreadable: " + e.getMessage());
                return QuotaLedger.Entry.EMPTY;
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
                if (stopReason.get() == null && used.get() >= allowance) {
                    stop("the day's VirusTotal budget (" + settings.requestsPerDay() + " lookups, "
                            + "logverdict.virustotal.requests-per-day) is spent; re-run the scan tomorrow", LookupStatus.DEFERRED);
                }
                if (stopReason.get() == null && !fitsBeforeDeadline(pacer.waitForNextSlot())) {
                    stop("invocation time ran out before this IP's turn; re-run the scan to continue", LookupStatus.DEFERRED);
                }
                if (stopReason.get() != null) {
                    assessments.put(ip, new Assessment(Verdict.NOT_CHECKED, stopStatus.get(), stopReason.get(), null, null));
                    continue;
                }
                assessments.put(ip, lookUp(ip));
            }
        }

        private Assessment lookUp(IpAddress ip) {
            Duration backoff = settings.rateLimitBackoff();
            for (int attempt = 0; ; attempt++) {
                try {
                    pacer.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop("lookups interrupted", LookupStatus.DEFERRED);
                    return deferred();
                }
                used.incrementAndGet();
                LookupResult result;
                try {
                    result = intel.lookup(ip);
                } catch (IntelAuthenticationException e) {
                    authFailure.compareAndSet(null, e.getMessage());
                    stop(e.getMessage(), LookupStatus.ERROR);
                    return new Assessment(Verdict.NOT_CHECKED, LookupStatus.ERROR, e.getMessage(), SOURCE, null);
                }
                if (!(result instanceof LookupResult.RateLimited limited)) {
                    remember(ip, result);
                    return fromLookup(result);
                }
                Duration wait = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
                if (attempt >= settings.rateLimitRetries() || !fitsBeforeDeadline(wait)) {
                    quotaExhausted = true;
                    exhaustedUntil.set(clock.instant().plus(settings.quotaPause()));
                    stop("VirusTotal quota or rate limit reached (" + limited.reason() + ", " + (attempt + 1)
                            + " times); re-run the scan later", LookupStatus.DEFERRED);
                    return deferred();
                }
                try {
                    pacer.sleeper().sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop("lookups interrupted", LookupStatus.DEFERRED);
                    return deferred();
                }
                backoff = backoff.multipliedBy(2);
            }
        }

        private Assessment deferred() {
            return new Assessment(Verdict.NOT_CHECKED, stopStatus.get(), stopReason.get(), null, null);
        }

        private void remember(IpAddress ip, LookupResult result) {
            CachedVerdict entry = result instanceof LookupResult.Found found ? new CachedVerdict(found.reputation(), clock.instant())
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
            }
        }

        private void recordSpend() {
            if (used.get() == 0 && exhaustedUntil.get() == null) {
                return;
            }
            try {
                ledger.add(day, used.get(), quotaExhausted ? exhaustedUntil.get() : null);
            } catch (RuntimeException e) {
                cacheError.compareAndSet(null, "quota ledger not updated: " + e.getMessage());
            }
        }

        IntelStatus status() {
            if (authFailure.get() != null) {
                return IntelStatus.AUTH_FAILED;
            }
            return quotaExhausted ? IntelStatus.QUOTA_EXHAUSTED : IntelStatus.CONSULTED;
        }
    }
}
