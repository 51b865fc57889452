package dev.logverdict.support;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The count identities every report must satisfy (DESIGN.md, report contract). */
public final class ReportAssertions {

    private ReportAssertions() {}

    public static void assertCountIdentities(JsonNode report) {
        JsonNode s = report.get("summary");
        long publicIps = s.get("publicIps").asLong();
        assertThat(s.get("lines").asLong())
                .as("lines = parsedLines + malformedLines")
                .isEqualTo(
                        s.get("parsedLines").asLong() + s.get("malformedLines").asLong());
        assertThat(s.get("lookedUp").asLong()
                        + s.get("fromCache").asLong()
                        + s.get("fromFeeds").asLong()
                        + s.get("notChecked").asLong())
                .as("lookedUp + fromCache + fromFeeds + notChecked = publicIps")
                .isEqualTo(publicIps);
        assertThat(s.get("malicious").asLong()
                        + s.get("suspicious").asLong()
                        + s.get("harmless").asLong()
                        + s.get("unknown").asLong()
                        + s.get("notChecked").asLong())
                .as("malicious + suspicious + harmless + unknown + notChecked = publicIps")
                .isEqualTo(publicIps);
        if (s.has("answeredBy")) {
            long answered = 0;
            for (JsonNode count : s.get("answeredBy")) {
                answered += count.asLong();
            }
            assertThat(answered)
                    .as("the sum of answeredBy = publicIps - notChecked")
                    .isEqualTo(publicIps - s.get("notChecked").asLong());
        }
        assertThat(s.get("uniqueIps").asLong())
                .as("uniqueIps = entries in ips")
                .isEqualTo(report.get("ips").size());
        long publicEntries = 0;
        for (JsonNode ip : report.get("ips")) {
            if (ip.get("scope").asText().equals("public")) {
                publicEntries++;
            }
        }
        assertThat(publicEntries).as("publicIps = public entries in ips").isEqualTo(publicIps);
    }
}
