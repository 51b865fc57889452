package dev.logverdict.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** S3 ObjectCreated notifications shaped like the ones S3 delivers (keys form-URL-encoded). */
public final class S3Events {

    private S3Events() {}

    public static String objectCreated(String bucket, String key, long size, String eTag) {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return """
                {
                  "Records": [
                    {
                      "eventVersion": "2.1",
                      "eventSource": "aws:s3",
                      "awsRegion": "us-east-1",
                      "eventTime": "2026-11-27T10:15:30.123Z",
                      "eventName": "ObjectCreated:Put",
                      "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
                      "requestParameters": {"sourceIPAddress": "198.51.100.7"},
                      "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                      "s3": {
                        "s3SchemaVersion": "1.0",
                        "configurationId": "logverdict-input",
                        "bucket": {"name": "%s", "ownerIdentity": {"principalId": "A3NL1KOZZKExample"}, "arn": "arn:aws:s3:::%s"},
                        "object": {"key": "%s", "size": %d, "eTag": "%s", "sequencer": "0055AED6DCD90281E5"}
                      }
                    }
                  ]
                }
                """.formatted(bucket, bucket, encodedKey, size, eTag);
    }
}
