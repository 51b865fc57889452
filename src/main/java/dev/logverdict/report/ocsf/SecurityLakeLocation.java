package dev.logverdict.report.ocsf;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A Security Lake custom source's location and the partition its objects must sit in:
 * {@code ext/SOURCE/region=REGION/accountId=ACCOUNT/eventDay=YYYYMMDD/}, as Security Lake requires of custom
 * sources.
 */
public record SecurityLakeLocation(String bucket, String prefix, String region, String accountId) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final DateTimeFormatter EVENT_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public SecurityLakeLocation {
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException(
                    "the Security Lake accountId partition must be a 12-digit account ID, not " + accountId);
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("not an AWS region: " + region);
        }
    }

    /** @param location s3://BUCKET/ext/SOURCE/ as Security Lake shows the custom source's location */
    public static SecurityLakeLocation parse(String location, String region, String accountId) {
        if (!location.startsWith("s3://")) {
            throw new IllegalArgumentException("the Security Lake location must be an s3:// URI: " + location);
        }
        String path = location.substring("s3://".length());
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        if (bucket.isEmpty() || prefix.isEmpty()) {
            throw new IllegalArgumentException(
                    "the Security Lake location names the bucket and the source's prefix, s3://BUCKET/ext/SOURCE/: "
                            + location);
        }
        return new SecurityLakeLocation(bucket, prefix.endsWith("/") ? prefix : prefix + "/", region, accountId);
    }

    /** The key of one object of the day {@code eventDay} named {@code name}. */
    public String keyFor(LocalDate eventDay, String name) {
        return prefix + "region=" + region + "/accountId=" + accountId + "/eventDay=" + EVENT_DAY.format(eventDay) + "/"
                + name;
    }
}
