package dev.logverdict.storage.s3;

import dev.logverdict.intel.feeds.Blocklist;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the blocklists stored under the feeds prefix; a list that cannot be read is logged and skipped. */
public final class S3FeedSource {

    private static final Logger LOG = Logger.getLogger(S3FeedSource.class);
    private static final long MAX_FEED_BYTES = 64L << 20;

    private S3FeedSource() {}

    public static List<Blocklist> load(S3Client s3, String bucket, String prefix) {
        List<Blocklist> lists = new ArrayList<>();
        List<S3Object> objects;
        try {
            objects = s3
                    .listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(bucket)
                            .prefix(prefix)
                            .build())
                    .contents()
                    .stream()
                    .filter(o -> !o.key().endsWith("/"))
                    .sorted((a, b) -> a.key().compareTo(b.key()))
                    .toList();
        } catch (S3Exception e) {
            LOG.errorf("cannot list feeds under s3://%s/%s: %s", bucket, prefix, S3VerdictCache.describe(e));
            return lists;
        }
        for (S3Object object : objects) {
            if (object.size() != null && object.size() > MAX_FEED_BYTES) {
                LOG.warnf("skipping feed s3://%s/%s: larger than %d bytes", bucket, object.key(), MAX_FEED_BYTES);
                continue;
            }
            String name = feedName(object.key());
            try (ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(object.key()))) {
                lists.add(Blocklist.parse(name, new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException | S3Exception e) {
                LOG.errorf("cannot read feed s3://%s/%s: %s", bucket, object.key(), e.getMessage());
            }
        }
        return lists;
    }

    /** {@code feeds/firehol_level1.netset} → {@code firehol_level1}. */
    static String feedName(String key) {
        String file = key.substring(key.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
