package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Every configured reputation provider over the same IPs, each with its own pace, budget and cache, and
 * one verdict per IP from their answers:
 * <ul>
 *   <li>an offline answer (blocklist, verified crawler) is the same for all and is taken as it is;</li>
 *   <li>otherwise the gravest answer wins (malicious, then suspicious, then harmless, then unknown), except
 *       that a malicious answer against an address AbuseIPDB whitelists is only suspicious, with both named;</li>
 *   <li>an IP no provider answered keeps the first waiting reason (queued, error), so the scheduled lookups
 *       ask about it again; one answered by any provider is settled.</li>
 * </ul>
 * Providers run side by side, so VirusTotal's slow pace never takes another provider's time.
 */
public final class CombinedLookups {

    /** The combination rule, in words, for the report's policy. */
    public static final String RULE = "the gravest provider answer wins (malicious > suspicious > harmless > unknown); "
            + "malicious against an AbuseIPDB whitelist is suspicious; an IP is settled once any provider answered";

    private final List<ReputationLookups> providers;

    public CombinedLookups(List<ReputationLookups> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one provider");
        }
        this.providers = List.copyOf(providers);
    }

    /** For a scan: each provider spends only what its pace grants now (see {@link ReputationLookups#assessNow}). */
    public ReputationLookups.Outcome assessNow(List<IpAddress> publicIpsByPriority, TimeBudget budget) {
        return run(lookups -> lookups.assessNow(publicIpsByPriority, budget));
    }

    /** For the scheduled lookups: each provider waits for its pace while the time budget allows. */
    public ReputationLookups.Outcome assess(List<IpAddress> publicIpsByPriority, TimeBudget budget) {
        return run(lookups -> lookups.assess(publicIpsByPriority, budget));
    }

    private ReputationLookups.Outcome run(Function<ReputationLookups, ReputationLookups.Outcome> ask) {
        Map<String, ReputationLookups.Outcome> byProvider = new LinkedHashMap<>();
        if (providers.size() == 1) {
            byProvider.put(providers.get(0).provider().id(), ask.apply(providers.get(0)));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(providers.size());
            try {
                List<CompletableFuture<ReputationLookups.Outcome>> runs = providers.stream()
                        .map(lookups -> CompletableFuture.supplyAsync(() -> ask.apply(lookups), pool))
                        .toList();
                for (int i = 0; i < providers.size(); i++) {
                    byProvider.put(providers.get(i).provider().id(), runs.get(i).join());
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return combine(byProvider);
    }

    static ReputationLookups.Outcome combine(Map<String, ReputationLookups.Outcome> byProvider) {
        Map<String, ReputationLookups.Outcome> active = new LinkedHashMap<>();
        byProvider.forEach((id, outcome) -> {
            if (outcome.status() != IntelStatus.NOT_CONFIGURED) {
                active.put(id, outcome);
            }
        });
        // The outcome the report's v1 fields (intel.virustotal, cache, budget) describe.
        ReputationLookups.Outcome lead = byProvider.getOrDefault(
                Provider.VIRUSTOTAL, byProvider.values().iterator().next());
        String authFailure = active.values().stream()
                .map(ReputationLookups.Outcome::authFailure)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (active.size() <= 1) {
            ReputationLookups.Outcome only = active.isEmpty()
                    ? noneConfigured(lead, byProvider.values())
                    : active.values().iterator().next();
            return new ReputationLookups.Outcome(
                    only.assessments(), lead.status(), authFailure, lead.stats(), runsOf(byProvider));
        }
        Map<IpAddress, Assessment> combined = new HashMap<>();
        for (IpAddress ip : active.values().iterator().next().assessments().keySet()) {
            Map<String, Assessment> answers = new LinkedHashMap<>();
            active.forEach((id, outcome) -> {
                Assessment answer = outcome.assessments().get(ip);
                if (answer != null) {
                    answers.put(id, answer);
                }
            });
            combined.put(ip, combineOne(answers));
        }
        return new ReputationLookups.Outcome(combined, lead.status(), authFailure, lead.stats(), runsOf(byProvider));
    }

    /** Each provider's run without its per-IP answers, which would otherwise stay held until the report is written. */
    private static Map<String, ReputationLookups.Outcome> runsOf(Map<String, ReputationLookups.Outcome> byProvider) {
        Map<String, ReputationLookups.Outcome> runs = new LinkedHashMap<>();
        byProvider.forEach((id, outcome) -> runs.put(id, outcome.withoutAssessments()));
        return runs;
    }

    /** No provider has a key: each IP says so for every provider ("no VirusTotal API key … and no AbuseIPDB …"). */
    private static ReputationLookups.Outcome noneConfigured(
            ReputationLookups.Outcome lead, Collection<ReputationLookups.Outcome> all) {
        String reason = String.join(
                " and ",
                all.stream()
                        .flatMap(outcome -> outcome.assessments().values().stream()
                                .filter(a -> a.status() == LookupStatus.SKIPPED)
                                .map(Assessment::reason)
                                .limit(1))
                        .toList());
        Assessment skipped = Assessment.skipped(reason);
        Map<IpAddress, Assessment> assessments = new HashMap<>();
        lead.assessments()
                .forEach((ip, assessment) -> assessments.put(
                        ip, assessment.status() == LookupStatus.SKIPPED && !reason.isEmpty() ? skipped : assessment));
        return new ReputationLookups.Outcome(assessments, lead.status(), lead.authFailure(), lead.stats());
    }

    static Assessment combineOne(Map<String, Assessment> answers) {
        Assessment first = answers.values().iterator().next();
        if (isOffline(first.status())) {
            return first;
        }
        Reputation virusTotal = answers.containsKey(Provider.VIRUSTOTAL)
                ? answers.get(Provider.VIRUSTOTAL).reputation()
                : null;
        Assessment gravest = null;
        boolean whitelisted = false;
        for (Assessment answer : answers.values()) {
            whitelisted |= answer.reputation() != null
                    && answer.reputation().abuse() != null
                    && answer.reputation().abuse().isWhitelisted();
            if (answer.wasChecked() && (gravest == null || rank(answer.verdict()) < rank(gravest.verdict()))) {
                gravest = answer;
            }
        }
        if (gravest == null) {
            Assessment waiting = answers.values().stream()
                    .filter(a -> a.status() == LookupStatus.DEFERRED || a.status() == LookupStatus.ERROR)
                    .findFirst()
                    .orElse(first);
            return new Assessment(
                    waiting.verdict(),
                    waiting.status(),
                    waiting.reason(),
                    waiting.source(),
                    virusTotal,
                    waiting.checkedAt(),
                    answers);
        }
        Verdict verdict = gravest.verdict();
        String reason = gravest.reason();
        if (verdict == Verdict.MALICIOUS && whitelisted) {
            verdict = Verdict.SUSPICIOUS;
            reason = "malicious by " + gravest.source() + " but whitelisted by AbuseIPDB: check before blocking";
        }
        return new Assessment(
                verdict, gravest.status(), reason, gravest.source(), virusTotal, gravest.checkedAt(), answers);
    }

    private static boolean isOffline(LookupStatus status) {
        return status == LookupStatus.FEED
                || status == LookupStatus.VERIFIED_CRAWLER
                || status == LookupStatus.CONFLICT;
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case MALICIOUS -> 0;
            case SUSPICIOUS -> 1;
            case HARMLESS -> 2;
            case UNKNOWN -> 3;
            case NOT_CHECKED -> 4;
        };
    }

    /** The providers in the order they are combined. */
    public List<Provider> providers() {
        List<Provider> list = new ArrayList<>();
        providers.forEach(lookups -> list.add(lookups.provider()));
        return list;
    }
}
