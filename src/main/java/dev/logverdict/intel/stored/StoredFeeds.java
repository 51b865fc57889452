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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The blocklists stored under the feeds prefix; a list that cannot be read is logged and skipped. A warm
 * container keeps the lists it parsed and reads one again only when the listing shows a new ETag, so a
 * scan costs one listing, not a download and a parse of every list.
 */
public final class StoredFeeds {

    private static final System.Logger LOG = System.getLogger(StoredFeeds.class.getName());
    private static final long MAX_FEED_BYTES = 64L << 20;

    private record Parsed(String eTag, Blocklist list) {}

    private final ObjectStore store;
    /** By bucket and key; only lists still under the prefix stay. */
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public StoredFeeds(ObjectStore store) {
        this.store = store;
    }

    public List<Blocklist> load(String bucket, String prefix) {
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
        Set<String> listed =
                objects.stream().map(object -> bucket + "/" + object.key()).collect(Collectors.toSet());
        parsed.keySet().removeIf(cached -> cached.startsWith(bucket + "/" + prefix) && !listed.contains(cached));
        for (ObjectStore.Listed object : objects) {
            if (object.size() > MAX_FEED_BYTES) {
                LOG.log(
                        Level.WARNING,
                        "skipping feed s3://{0}/{1}: larger than {2} bytes",
                        bucket,
                        object.key(),
                        MAX_FEED_BYTES);
                continue;
            }
            Parsed kept = parsed.get(bucket + "/" + object.key());
            if (kept != null && object.eTag() != null && object.eTag().equals(kept.eTag())) {
                lists.add(kept.list());
                continue;
            }
            try (ObjectStore.OpenObject open = store.open(bucket, object.key(), null)) {
                Blocklist list = Blocklist.parse(
                        feedName(object.key()), new InputStreamReader(open.content(), StandardCharsets.UTF_8));
                lists.add(list);
                // The ETag of what was read, not of the listing: a list rewritten in between is read again.
                String eTag = open.metadata().eTag();
                if (eTag != null) {
                    parsed.put(bucket + "/" + object.key(), new Parsed(eTag, list));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "cannot read feed s3://{0}/{1}: {2}", bucket, object.key(), e.getMessage());
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
