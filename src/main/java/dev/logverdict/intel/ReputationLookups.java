package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the threat-intel service about public IPs in priority order, paced, until the list, the quota or
 * the invocation's time runs out. Every IP it was given comes back with an assessment: the ones it did not
 * get to are {@code not_checked}/{@code deferred} with the reason, never a guess.
 */
public final class ReputationLookups {

    static final String SOURCE = "virustotal";

    private final ThreatIntel intel;
    private final VerdictPolicy policy;
    private final Pacer pacer;

    public ReputationLookups(ThreatIntel intel, VerdictPolicy policy, Pacer pacer) {
        this.intel = intel;
        this.policy = policy;
        this.pacer = pacer;
    }

    /**
     * The run's outcome: an assessment for every IP given, how the service behaved, and, when it
     * rejected our credentials, its message (to fail the invocation once the report is written).
     */
    public record Outcome(Map<IpAddress, Assessment> assessments, IntelStatus status, String authFailure) {
    }

    public Outcome assess(List<IpAddress> publicIpsByPriority, TimeBudget budget) {
        Map<IpAddress, Assessment> assessments = new LinkedHashMap<>();
        if (!intel.isConfigured()) {
            publicIpsByPriority.forEach(ip -> assessments.put(ip, Assessment.skipped(
                    "no VirusTotal API key configured (logverdict.virustotal.api-key)")));
            return new Outcome(assessments, IntelStatus.NOT_CONFIGURED, null);
        }
        String stopReason = null;
        LookupStatus stopStatus = LookupStatus.DEFERRED;
        IntelStatus status = IntelStatus.CONSULTED;
        String authFailure = null;
        for (IpAddress ip : publicIpsByPriority) {
            if (stopReason == null && budget.remaining().compareTo(pacer.waitForNextSlot()) <= 0) {
                stopReason = "invocation time ran out before this IP's turn; re-run the scan to continue";
            }
            if (stopReason != null) {
                assessments.put(ip, new Assessment(Verdict.NOT_CHECKED, stopStatus, stopReason, null, null));
                continue;
            }
            try {
                pacer.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopReason = "lookups interrupted";
                assessments.put(ip, Assessment.deferred(stopReason));
                continue;
            }
            LookupResult result;
            try {
                result = intel.lookup(ip);
            } catch (IntelAuthenticationException e) {
                status = IntelStatus.AUTH_FAILED;
                authFailure = e.getMessage();
                stopStatus = LookupStatus.ERROR;
                stopReason = e.getMessage();
                assessments.put(ip, new Assessment(Verdict.NOT_CHECKED, stopStatus, stopReason, SOURCE, null));
                continue;
            }
            if (result instanceof LookupResult.RateLimited limited) {
                status = IntelStatus.QUOTA_EXHAUSTED;
                stopReason = "VirusTotal quota or rate limit reached (" + limited.reason() + "); re-run the scan later";
                assessments.put(ip, Assessment.deferred(stopReason));
            } else {
                assessments.put(ip, assessmentOf(result));
            }
        }
        return new Outcome(assessments, status, authFailure);
    }

    private Assessment assessmentOf(LookupResult result) {
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
}
