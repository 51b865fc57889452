package dev.logverdict.lambda;

import dev.logverdict.storage.ObjectKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns each record the function receives — an S3 notification or the scheduled lookups' input — into
 * what to do with it, without doing it: the handler only carries the commands out.
 */
public final class EventRouter {

    /** The eventName of the scheduled lookups (events/scheduled.json); the earlier hourly re-run's name is the same. */
    static final List<String> DRAIN_EVENTS = List.of("logverdict:Drain", "logverdict:ResumeDeferred");

    /** One record as it arrived: the fields the routing reads. */
    public record Incoming(String eventName, String bucket, String rawKey, String versionId) {}

    /** What to do with one record. */
    public sealed interface Command {}

    public record Scan(String bucket, String key, String versionId) implements Command {}

    public record Drain(String bucket) implements Command {}

    public record Ignore(String bucket, String key, String reason) implements Command {}

    private final ObjectKeys keys;

    public EventRouter(ObjectKeys keys) {
        this.keys = keys;
    }

    public List<Command> route(List<Incoming> records) {
        List<Command> commands = new ArrayList<>(records.size());
        for (Incoming record : records) {
            commands.add(route(record));
        }
        return commands;
    }

    Command route(Incoming record) {
        if (DRAIN_EVENTS.contains(record.eventName()) && record.bucket() != null) {
            return new Drain(record.bucket());
        }
        if (record.rawKey() == null
                || record.bucket() == null
                || record.eventName() == null
                || !record.eventName().startsWith("ObjectCreated:")) {
            return new Ignore(record.bucket(), record.rawKey(), "not an S3 ObjectCreated record");
        }
        Optional<String> decoded = ObjectKeys.decodeEventKey(record.rawKey());
        if (decoded.isEmpty()) {
            return new Ignore(record.bucket(), record.rawKey(), "object key is not valid URL encoding");
        }
        String key = decoded.get();
        Optional<String> reason = keys.reasonToIgnore(key);
        if (reason.isPresent()) {
            return new Ignore(record.bucket(), key, reason.get());
        }
        return new Scan(record.bucket(), key, record.versionId());
    }
}
