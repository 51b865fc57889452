package dev.logverdict.report.ocsf;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One OCSF Detection Finding (class 2004, schema {@value #OCSF_VERSION}): a client of one log that a provider
 * or a blocklist judged malicious or suspicious, or whose requests carried attack signals. Written in
 * snake_case, the attribute names of the OCSF dictionary; times are epoch milliseconds (OCSF's timestamp_t).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetectionFinding(
        int activityId,
        String activityName,
        int categoryUid,
        String categoryName,
        int classUid,
        String className,
        long typeUid,
        String typeName,
        long time,
        int severityId,
        String severity,
        int statusId,
        String status,
        int confidenceId,
        String confidence,
        String message,
        int count,
        Long startTime,
        Long endTime,
        Metadata metadata,
        FindingInfo findingInfo,
        List<Observable> observables,
        List<Evidence> evidences) {

    /** The OCSF schema version these records follow, the one Amazon Security Lake's own sources use. */
    public static final String OCSF_VERSION = "1.1.0";

    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;

    /** Who produced the record, and from which log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String version, Product product, String uid, String logName, Long processedTime) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Product(String name, String vendorName) {}

    /**
     * What was found: {@code uid} is stable for one client of one log version, so a rescan or a redelivered
     * event gives the same id; {@code data_sources} names the log object, {@code src_url} the full report.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FindingInfo(
            String uid,
            String title,
            String desc,
            List<String> types,
            Long createdTime,
            Long firstSeenTime,
            Long lastSeenTime,
            List<String> dataSources,
            String srcUrl) {}

    /** The client's address, with the reputation that decided its verdict. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Observable(String name, int typeId, String type, String value, Reputation reputation) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reputation(double baseScore, int scoreId, String score, String provider) {}

    /**
     * What the client did, as seen in the log: the endpoint with its network, and the activity (requests,
     * statuses, methods, signals, top paths) as OCSF's free-form {@code data}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(NetworkEndpoint srcEndpoint, Map<String, Object> data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkEndpoint(String ip, AutonomousSystem autonomousSystem, Location location) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutonomousSystem(Integer number, String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(String country) {}
}
