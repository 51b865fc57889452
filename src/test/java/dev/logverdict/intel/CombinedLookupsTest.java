package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How two providers' answers become one verdict, and how each stays visible. */
class CombinedLookupsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Reputation VT_MALICIOUS =
            new Reputation(5, 0, 60, 10, 0, -10, null, null, null, null, null, null);
    private static final Reputation VT_CLEAN = new Reputation(0, 0, 60, 10, 0, 0, null, null, null, null, null, null);

    private static Reputation abuse(int score, int reports, boolean whitelisted) {
        return Reputation.ofAbuseReport(new AbuseReport(
                score,
                reports,
                reports,
                whitelisted,
                "Data Center/Web Hosting/Transit",
                "Example ISP",
                "example.net",
                "NL",
                false,
                reports > 0 ? NOW : null));
    }

    private static Assessment answer(String provider, ProviderPolicy policy, Reputation reputation) {
        return new Assessment(policy.verdictFor(reputation), LookupStatus.OK, null, provider, reputation, NOW);
    }

    private static Assessment combine(Assessment virusTotal, Assessment abuseIpDb) {
        Map<String, Assessment> answers = new LinkedHashMap<>();
        answers.put(Provider.VIRUSTOTAL, virusTotal);
        answers.put(Provider.ABUSEIPDB, abuseIpDb);
        return CombinedLookups.combineOne(answers);
    }

    private static final AbuseIpDbPolicy ABUSE = TestSettings.abuseIpDbPolicy();
    private static final VerdictPolicy VT = TestSettings.verdictPolicy();

    @Test
    void theGravestAnswerWinsAndEachProviderStaysVisible() {
        Assessment combined =
                combine(answer("virustotal", VT, VT_CLEAN), answer("abuseipdb", ABUSE, abuse(100, 40, false)));

        assertThat(combined.verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(combined.source()).isEqualTo("abuseipdb");
        assertThat(combined.reputation())
                .as("the VirusTotal part of the report stays VirusTotal's")
                .isEqualTo(VT_CLEAN);
        assertThat(combined.providers().get(Provider.VIRUSTOTAL).verdict()).isEqualTo(Verdict.HARMLESS);
        assertThat(combined.providers().get(Provider.ABUSEIPDB).verdict()).isEqualTo(Verdict.MALICIOUS);
    }

    @Test
    void aMaliciousAnswerAgainstAnAbuseIpDbWhitelistIsOnlySuspicious() {
        Assessment combined =
                combine(answer("virustotal", VT, VT_MALICIOUS), answer("abuseipdb", ABUSE, abuse(0, 0, true)));

        assertThat(combined.verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(combined.reason()).contains("virustotal", "whitelisted by AbuseIPDB");
    }

    @Test
    void noReportsIsUnknownAndAnotherProvidersHarmlessAnswerCounts() {
        assertThat(ABUSE.verdictFor(abuse(0, 0, false))).isEqualTo(Verdict.UNKNOWN);
        assertThat(ABUSE.verdictFor(abuse(30, 3, false))).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(combine(answer("virustotal", VT, VT_CLEAN), answer("abuseipdb", ABUSE, abuse(0, 0, false)))
                        .verdict())
                .isEqualTo(Verdict.HARMLESS);
    }

    @Test
    void anIpSettledByOneProviderIsNotWaitingAndOneNobodyAnsweredKeepsTheWaitingReason() {
        Assessment queued = Assessment.deferred(ReputationLookups.QUEUED);
        Assessment settled = combine(queued, answer("abuseipdb", ABUSE, abuse(90, 12, false)));
        assertThat(settled.verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(settled.providers().get(Provider.VIRUSTOTAL).status()).isEqualTo(LookupStatus.DEFERRED);

        Assessment failed = new Assessment(
                Verdict.NOT_CHECKED, LookupStatus.ERROR, "AbuseIPDB answered HTTP 500", "abuseipdb", null);
        Assessment waiting = combine(queued, failed);
        assertThat(waiting.verdict()).isEqualTo(Verdict.NOT_CHECKED);
        assertThat(waiting.status()).isEqualTo(LookupStatus.DEFERRED);
        assertThat(waiting.reason()).isEqualTo(ReputationLookups.QUEUED);
    }

    @Test
    void anOfflineAnswerIsTakenAsItIs() {
        Assessment feed = new Assessment(
                Verdict.MALICIOUS, LookupStatus.FEED, "listed by the offline feed spamhaus", "spamhaus", null);
        assertThat(combine(feed, feed)).isSameAs(feed);
    }

    @Test
    void withOneProviderConfiguredItsOutcomeIsTheReportsAsBefore() {
        IpAddress ip = IpAddressParser.parse("203.0.113.1");
        ReputationLookups.Outcome virusTotal = new ReputationLookups.Outcome(
                Map.of(ip, answer("virustotal", VT, VT_CLEAN)),
                IntelStatus.CONSULTED,
                null,
                new IntelStats(0, 1, null, 500, 1, 1, null));
        ReputationLookups.Outcome abuseIpDb = new ReputationLookups.Outcome(
                Map.of(ip, Assessment.skipped("no AbuseIPDB API key configured (logverdict.abuseipdb.api-key)")),
                IntelStatus.NOT_CONFIGURED,
                null,
                new IntelStats(0, 0, null, 1000, 0, 0, null));
        Map<String, ReputationLookups.Outcome> both = new LinkedHashMap<>();
        both.put(Provider.VIRUSTOTAL, virusTotal);
        both.put(Provider.ABUSEIPDB, abuseIpDb);

        ReputationLookups.Outcome combined = CombinedLookups.combine(both);

        assertThat(combined.assessments().get(ip).providers())
                .as("no per-provider answers with one provider")
                .isEmpty();
        assertThat(combined.assessments().get(ip).verdict()).isEqualTo(Verdict.HARMLESS);
        assertThat(combined.providers()).containsOnlyKeys(Provider.VIRUSTOTAL, Provider.ABUSEIPDB);
        assertThat(List.copyOf(combined.providers().values()))
                .extracting(ReputationLookups.Outcome::status)
                .containsExactly(IntelStatus.CONSULTED, IntelStatus.NOT_CONFIGURED);
        assertThat(List.copyOf(combined.providers().values()))
                .as("each run's answers are merged, not kept twice while the report is written")
                .allSatisfy(run -> assertThat(run.assessments()).isEmpty())
                .extracting(ReputationLookups.Outcome::stats)
                .containsExactly(virusTotal.stats(), abuseIpDb.stats());
    }

    @Test
    void withNoProviderConfiguredEveryIpSaysSoForBothWithOneSharedAnswer() {
        IpAddress first = IpAddressParser.parse("203.0.113.1");
        IpAddress second = IpAddressParser.parse("2001:db8::1");
        Map<String, ReputationLookups.Outcome> neither = new LinkedHashMap<>();
        for (String provider : List.of(Provider.VIRUSTOTAL, Provider.ABUSEIPDB)) {
            Assessment skipped = Assessment.skipped("no " + provider + " API key configured");
            neither.put(
                    provider,
                    new ReputationLookups.Outcome(
                            Map.of(first, skipped, second, skipped),
                            IntelStatus.NOT_CONFIGURED,
                            null,
                            new IntelStats(0, 0, null, 500, 0, 0, null)));
        }

        ReputationLookups.Outcome combined = CombinedLookups.combine(neither);

        assertThat(combined.assessments().get(first).reason())
                .isEqualTo("no virustotal API key configured and no abuseipdb API key configured");
        assertThat(combined.assessments().get(second))
                .as("tens of thousands of clients share one answer")
                .isSameAs(combined.assessments().get(first));
        assertThat(List.copyOf(combined.providers().values()))
                .allSatisfy(run -> assertThat(run.assessments()).isEmpty());
    }
}
