package dev.logverdict.support;

/** Bodies shaped like real VirusTotal v3 answers (trimmed to the fields that matter plus some noise). */
public final class VirusTotalBodies {

    private VirusTotalBodies() {}

    public static String ipAddress(
            String ip,
            int malicious,
            int suspicious,
            int harmless,
            int undetected,
            int reputation,
            String asOwner,
            long asn,
            String country,
            String network,
            String... tags) {
        StringBuilder tagList = new StringBuilder();
        for (String tag : tags) {
            tagList.append(tagList.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(tag)
                    .append('"');
        }
        return """
                {
                  "data": {
                    "id": "%1$s",
                    "type": "ip_address",
                    "links": {"self": "https://www.virustotal.com/api/v3/ip_addresses/%1$s"},
                    "attributes": {
                      "regional_internet_registry": "RIPE NCC",
                      "jarm": "29d29d00029d29d00042d42d000000",
                      "network": "%8$s",
                      "last_https_certificate_date": 1732598400,
                      "tags": [%9$s],
                      "country": "%7$s",
                      "as_owner": "%5$s",
                      "last_analysis_date": 1732612345,
                      "asn": %6$d,
                      "whois_date": 1730000000,
                      "last_analysis_stats": {"malicious": %2$d, "suspicious": %3$d, "undetected": %10$d, "harmless": %4$d, "timeout": 0},
                      "last_analysis_results": {
                        "Fortinet": {"method": "blacklist", "engine_name": "Fortinet", "category": "harmless", "result": "clean"}
                      },
                      "reputation": %11$d,
                      "total_votes": {"harmless": 0, "malicious": 3},
                      "continent": "EU",
                      "whois": "NetRange: ..."
                    }
                  }
                }
                """.formatted(
                ip, malicious, suspicious, harmless, asOwner, asn, country, network, tagList, undetected, reputation);
    }

    public static String error(String code, String message) {
        return "{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + message + "\"}}";
    }
}
