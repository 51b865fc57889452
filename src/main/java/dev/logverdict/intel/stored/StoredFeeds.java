package dev.logverdict.intel.stored;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The blocklists stored under the feeds prefix; a list that cannot be read is logged and skipped. */
public final class StoredFeeds {

    private static final System.Logger LOG = System.getLogger(StoredFeeds.class.getName());
    private static final long MAX_FEED_BYTES = 64L << 20;

    private StoredFeeds() {}

    public static List<Blocklist> load(ObjectStore store, String bucket, String prefix) {
        List<Blocklist> lists = new ArrayList<>();
        List<ObjectStore.Listed> objects;
        try {
            objects = store.list(bucket, prefix).stream()
                    .filter(listed -> !listed.key().endsWith("/"))
                    .sorted(Comparator.comparing(ObjectStore.Listed::key))
                    .toList();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot list feeds under s3://{0}/{1}: {2}", bucket, prefix, e.getMessage());
            return lists;
        }
        for (ObjectStore.Listed listed : objects) {
            if (listed.size() > MAX_FEED_BYTES) {
                LOG.log(
                        Level.WARNING,
                        "skipping feed s3://{0}/{1}: larger than {2} bytes",
                        bucket,
                        listed.key(),
                        MAX_FEED_BYTES);
                continue;
            }
            try (ObjectStore.OpenObject object = store.open(bucket, listed.key(), null)) {
                lists.add(Blocklist.parse(
                        feedName(listed.key()), new InputStreamReader(object.content(), StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "cannot read feed s3://{0}/{1}: {2}", bucket, listed.key(), e.getMessage());
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
