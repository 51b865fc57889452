package dev.logverdict.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.blocklist.IpSetSync;
import dev.logverdict.blocklist.RollingBlocklist;
import dev.logverdict.report.export.WafIpSet;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The scheduled run's upkeep of the one rolling blocklist: reads the findings objects written or refreshed
 * since its last run, adds their malicious verdicts, drops what the window has passed, and publishes the
 * lists. A run that fails publishes nothing, so the previous lists stay as they were.
 */
@ApplicationScoped
public class BlocklistUpdate {

    private static final Logger LOG = Logger.getLogger(BlocklistUpdate.class);
    static final String IPV4 = "current-ipv4.txt";
    static final String IPV6 = "current-ipv6.txt";
    static final String GUARDDUTY = "current-guardduty.txt";
    static final String SUMMARY = "current.json";
    static final String STATE = "_blocklist/state.json.gz";
    /** S3 times have a second's precision: objects of the last run's last second are read again (harmless). */
    static final Duration READ_AGAIN = Duration.ofMinutes(1);

    private static final String TEXT = "text/plain;charset=utf-8";

    /** What the list holds between runs (under the cache prefix). */
    public record State(String readUpTo, Map<String, RollingBlocklist.Listed> listed) {}

    /** One family's WAF list: entries (CIDRs), the addresses they cover, and those left out by the cap. */
    public record Family(int entries, int addresses, int omittedAddresses) {}

    /** {@code current.json}: what the lists hold and how they were made. */
    public record Published(
            String generatedAt, String window, int addresses, Family ipv4, Family ipv6, int findingsObjectsRead) {}

    /** What a run did, for the invocation's answer; {@code wafIpSets} when IP sets are configured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(
            String status,
            int findingsObjectsRead,
            int added,
            int expired,
            int listed,
            List<IpSetSync.Result> wafIpSets) {

        Outcome(String status) {
            this(status, 0, 0, 0, 0, null);
        }
    }

    private final ObjectStore store;
    private final IpSetSync.IpSets ipSets;
    private final LogVerdictConfig config;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public BlocklistUpdate(ObjectStore store, IpSetSync.IpSets ipSets, LogVerdictConfig config, Clock clock) {
        this.store = store;
        this.ipSets = ipSets;
        this.config = config;
        this.clock = clock;
    }

    public Outcome update(String eventBucket) {
        if (!config.blocklist().enabled()) {
            return new Outcome("disabled");
        }
        if (!config.outputs().findings()) {
            // Without findings the list would be empty, and an empty list would empty the WAF IP sets.
            LOG.warnf("the rolling blocklist needs logverdict.outputs.findings=true; it is left as it was");
            return new Outcome("no_findings");
        }
        String bucket = config.reportBucket().orElse(eventBucket);
        try {
            return update(bucket, clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("the rolling blocklist was not updated (the previous lists stay): %s", e.getMessage());
            return new Outcome("failed");
        }
    }

    private Outcome update(String bucket, Instant now) throws IOException {
        Duration window = config.blocklist().window();
        State state = readState(bucket);
        Instant readUpTo = Instant.parse(state.readUpTo());
        RollingBlocklist list = RollingBlocklist.of(state.listed());
        Instant newest = readUpTo;
        int read = 0;
        int fresh = 0;
        int added = 0;
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        // Every day of the window: a refresh rewrites the findings of an earlier day.
        for (LocalDate day = now.minus(window).atZone(ZoneOffset.UTC).toLocalDate();
                !day.isAfter(today);
                day = day.plusDays(1)) {
            for (ObjectStore.Listed object : store.list(bucket, config.findingsPrefix() + "dt=" + day + "/")) {
                if (object.lastModified().isBefore(readUpTo.minus(READ_AGAIN))) {
                    continue;
                }
                added += addFindings(bucket, object.key(), list);
                read++;
                fresh += object.lastModified().isAfter(readUpTo) ? 1 : 0;
                if (object.lastModified().isAfter(newest)) {
                    newest = object.lastModified();
                }
            }
        }
        int expired = list.expireBefore(now.minus(window));
        RollingBlocklist.Lists lists = list.lists(WafIpSet.MAX_ENTRIES);
        boolean firstRun = Instant.EPOCH.toString().equals(state.readUpTo());
        // Nothing new read and nothing expired: the published lists are still right, so a quiet minute
        // costs no PUT.
        if (firstRun || fresh > 0 || expired > 0) {
            publish(bucket, lists, now, window, read);
            writeState(bucket, new State(newest.toString(), list.stored()));
        }
        LOG.infof(
                "rolling blocklist: %d findings objects read, %d sightings added, %d expired, %d listed",
                read, added, expired, list.size());
        // Only after the lists were made and published: a failed run never changes (or empties) a set.
        List<IpSetSync.Result> synced = new ArrayList<>();
        config.blocklist().wafIpv4IpSet().ifPresent(set -> synced.add(sync(set, lists.ipv4())));
        config.blocklist().wafIpv6IpSet().ifPresent(set -> synced.add(sync(set, lists.ipv6())));
        return new Outcome("updated", read, added, expired, list.size(), synced.isEmpty() ? null : synced);
    }

    private IpSetSync.Result sync(String setting, WafIpSet list) {
        IpSetSync.IpSetRef set = IpSetSync.IpSetRef.parse(setting);
        try {
            IpSetSync.Result result = IpSetSync.sync(ipSets, set, list.cidrs());
            LOG.infof(
                    "WAF IP set %s %s: %d added, %d removed",
                    set.name(), result.status(), result.added(), result.removed());
            return result;
        } catch (RuntimeException e) {
            LOG.errorf("WAF IP set %s was not updated: %s", set.name(), e.getMessage());
            return new IpSetSync.Result(set.name(), "failed", 0, 0, 0);
        }
    }

    private int addFindings(String bucket, String key, RollingBlocklist list) throws IOException {
        int added = 0;
        try (ObjectStore.OpenObject object = store.open(bucket, key, null);
                InputStream lines = new GZIPInputStream(object.content());
                MappingIterator<JsonNode> findings =
                        json.readerFor(JsonNode.class).readValues(lines)) {
            while (findings.hasNextValue()) {
                JsonNode finding = findings.nextValue();
                String seen = text(finding, "last_seen");
                if (seen == null) {
                    seen = text(finding, "log_last_modified");
                }
                boolean listed = list.add(new RollingBlocklist.Sighting(
                        text(finding, "ip"),
                        text(finding, "verdict"),
                        text(finding, "infrastructure_kind"),
                        seen == null ? null : Instant.parse(seen),
                        finding.path("requests").asLong(),
                        finding.path("virustotal_malicious").asInt()));
                added += listed ? 1 : 0;
            }
        } catch (ObjectNotFoundException e) {
            // Expired or replaced between the listing and the read: nothing to add.
        }
        return added;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private void publish(String bucket, RollingBlocklist.Lists lists, Instant now, Duration window, int read)
            throws IOException {
        String prefix = config.blocklist().prefix();
        store.write(bucket, prefix + IPV4, TEXT, out -> out.write(lists.ipv4().text()));
        store.write(bucket, prefix + IPV6, TEXT, out -> out.write(lists.ipv6().text()));
        store.write(bucket, prefix + GUARDDUTY, TEXT, out -> out.write(lists.guardDuty()));
        Published published = new Published(
                now.toString(), window.toString(), lists.addresses(), family(lists.ipv4()), family(lists.ipv6()), read);
        store.write(bucket, prefix + SUMMARY, "application/json", out -> json.writeValue(out, published));
    }

    private static Family family(WafIpSet set) {
        return new Family(set.cidrs().size(), set.addresses(), set.omittedAddresses());
    }

    private State readState(String bucket) throws IOException {
        try (ObjectStore.OpenObject object = store.open(bucket, config.cachePrefix() + STATE, null);
                InputStream in = new GZIPInputStream(object.content())) {
            return json.readValue(in, State.class);
        } catch (ObjectNotFoundException e) {
            return new State(Instant.EPOCH.toString(), Map.of());
        }
    }

    private void writeState(String bucket, State state) throws IOException {
        store.write(bucket, config.cachePrefix() + STATE, "application/gzip", out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            json.writeValue(gzip, state);
            gzip.finish();
        });
    }
}
