package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ReputationLookupsTest {

    private final FakeClock clock = new FakeClock();
    private final Pacer pacer = new Pacer(4, clock, clock::advance);
    private final VerdictPolicy policy = new VerdictPolicy(1, 1);

    private static final IpAddress A = IpAddressParser.parse("185.220.101.1");
    private static final IpAddress B = IpAddressParser.parse("185.220.101.2");
    private static final IpAddress C = IpAddressParser.parse("185.220.101.3");
    private static final IpAddress D = IpAddressParser.parse("185.220.101.4");

    private static Reputation clean() {
        return new Reputation(0, 0, 60, 30, 0, 0, null, null, null, null, null, null);
    }

    /** A scripted service that records whom it was asked about. */
    private static final class ScriptedIntel implements ThreatIntel {
        final List<IpAddress> asked = new ArrayList<>();
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

    @Test
    void withoutAnApiKeyNothingIsAskedAndEveryPublicIpIsSkippedWithTheReason() {
        ScriptedIntel intel = new ScriptedIntel(false, ip -> new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = new ReputationLookups(intel, policy, pacer).assess(List.of(A, B), TimeBudget.unlimited());
        assertThat(intel.asked).isEmpty();
        assertThat(outcome.status()).isEqualTo(IntelStatus.NOT_CONFIGURED);
        assertThat(outcome.assessments().values()).allSatisfy(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.SKIPPED);
            assertThat(a.reason()).contains("logverdict.virustotal.api-key");
        });
    }

    @Test
    void aRateLimitStopsFurtherLookupsAndDefersTheRest() {
        ScriptedIntel intel = new ScriptedIntel(true,
                ip -> ip.equals(B) ? new LookupResult.RateLimited("HTTP 429 QuotaExceededError") : new LookupResult.Found(clean()));
        ReputationLookups.Outcome outcome = new ReputationLookups(intel, policy, pacer).assess(List.of(A, B, C, D), TimeBudget.unlimited());
        assertThat(intel.asked).containsExactly(A, B);
        assertThat(outcome.status()).isEqualTo(IntelStatus.QUOTA_EXHAUSTED);
        assertThat(outcome.assessments().get(A).verdict()).isEqualTo(Verdict.HARMLESS);
        for (IpAddress deferred : List.of(B, C, D)) {
            assertThat(outcome.assessments().get(deferred).status()).isEqualTo(LookupStatus.DEFERRED);
            assertThat(outcome.assessments().get(deferred).verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(outcome.assessments().get(deferred).reason()).contains("QuotaExceededError");
        }
    }

    @Test
    void aFailedLookupIsAnErrorForThatIpOnlyNeverUnknown() {
        ScriptedIntel intel = new ScriptedIntel(true,
                ip -> ip.equals(A) ? new LookupResult.Failed("VirusTotal answered HTTP 503 TransientError") : new LookupResult.NotFound());
        ReputationLookups.Outcome outcome = new ReputationLookups(intel, policy, pacer).assess(List.of(A, B), TimeBudget.unlimited());
        assertThat(intel.asked).containsExactly(A, B);
        assertThat(outcome.assessments().get(A)).satisfies(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.ERROR);
            assertThat(a.reason()).contains("503");
        });
        assertThat(outcome.assessments().get(B).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.assessments().get(B).status()).isEqualTo(LookupStatus.NOT_FOUND);
    }

    @Test
    void stopsBeforeTheDeadlineInsteadOfWaitingPastIt() {
        ScriptedIntel intel = new ScriptedIntel(true, ip -> new LookupResult.Found(clean()));
        // 20 s left: at 4/min the first lookup is immediate, the second due 15 s later fits, the third (30 s) does not.
        java.time.Instant deadline = clock.instant().plusSeconds(20);
        TimeBudget budget = () -> Duration.between(clock.instant(), deadline);
        ReputationLookups.Outcome outcome = new ReputationLookups(intel, policy, pacer).assess(List.of(A, B, C, D), budget);
        assertThat(intel.asked).containsExactly(A, B);
        assertThat(outcome.assessments().get(C).status()).isEqualTo(LookupStatus.DEFERRED);
        assertThat(outcome.assessments().get(C).reason()).contains("time ran out");
        assertThat(outcome.assessments().get(D).status()).isEqualTo(LookupStatus.DEFERRED);
        assertThat(outcome.status()).isEqualTo(IntelStatus.CONSULTED);
    }

    @Test
    void aRejectedKeyMarksEveryRemainingIpAsAnErrorAndIsReported() {
        Map<IpAddress, Integer> calls = new HashMap<>();
        ThreatIntel intel = new ThreatIntel() {
            @Override
            public boolean isConfigured() {
                return true;
            }

            @Override
            public LookupResult lookup(IpAddress address) {
                calls.merge(address, 1, Integer::sum);
                throw new IntelAuthenticationException("VirusTotal rejected the API key (HTTP 401)");
            }
        };
        ReputationLookups.Outcome outcome = new ReputationLookups(intel, policy, pacer).assess(List.of(A, B, C), TimeBudget.unlimited());
        assertThat(calls).containsOnlyKeys(A);
        assertThat(outcome.status()).isEqualTo(IntelStatus.AUTH_FAILED);
        assertThat(outcome.authFailure()).contains("rejected the API key");
        assertThat(outcome.assessments().values()).allSatisfy(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.NOT_CHECKED);
            assertThat(a.status()).isEqualTo(LookupStatus.ERROR);
        });
    }
}
