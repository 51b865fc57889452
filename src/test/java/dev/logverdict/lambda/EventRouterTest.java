package dev.logverdict.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.storage.ObjectKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every committed event file, routed as the function routes it. */
class EventRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventRouter router = new EventRouter(new ObjectKeys("logs/", "reports/"));

    static Stream<Arguments> committedEvents() {
        return Stream.of(
                Arguments.of("events/s3-put.json", new EventRouter.Scan("soc-logs", "logs/demo/access.log", null)),
                Arguments.of(
                        "events/s3-put-encoded-key.json",
                        new EventRouter.Scan("soc-logs", "logs/demo/edge access+1.log", null)),
                Arguments.of(
                        "events/s3-put-report-prefix.json",
                        new EventRouter.Ignore(
                                "soc-logs",
                                "reports/demo/access.log.json",
                                "key is under the report prefix 'reports/' (a report, never scanned)")),
                Arguments.of("events/scheduled.json", new EventRouter.Drain("soc-logs")));
    }

    /** The records of an event file, read as the handler reads an S3Event's. */
    static List<EventRouter.Incoming> read(Path file) throws IOException {
        List<EventRouter.Incoming> records = new ArrayList<>();
        for (JsonNode record : JSON.readTree(Files.readString(file)).path("Records")) {
            records.add(new EventRouter.Incoming(
                    record.path("eventName").asText(null),
                    record.at("/s3/bucket/name").asText(null),
                    record.at("/s3/object/key").asText(null),
                    record.at("/s3/object/versionId").asText(null)));
        }
        return records;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("committedEvents")
    void eachCommittedEventIsRoutedToItsCommand(String file, EventRouter.Command expected) throws IOException {
        assertThat(router.route(read(Path.of(file)))).containsExactly(expected);
    }

    @Test
    void everyCommittedEventFileIsAFixtureHere() throws IOException {
        List<String> covered =
                committedEvents().map(arguments -> (String) arguments.get()[0]).toList();
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            assertThat(files.map(path -> "events/" + path.getFileName()).toList())
                    .containsExactlyInAnyOrderElementsOf(covered);
        }
    }

    @Test
    void whatIsNotACreatedObjectOrCannotBeDecodedIsIgnoredWithTheReason() {
        assertThat(router.route(new EventRouter.Incoming("ObjectRemoved:Delete", "b", "logs/a.log", null)))
                .isEqualTo(new EventRouter.Ignore("b", "logs/a.log", "not an S3 ObjectCreated record"));
        assertThat(router.route(new EventRouter.Incoming("ObjectCreated:Put", "b", "logs/%zz.log", null)))
                .isEqualTo(new EventRouter.Ignore("b", "logs/%zz.log", "object key is not valid URL encoding"));
        assertThat(router.route(new EventRouter.Incoming("ObjectCreated:Put", "b", "other/a.log", null)))
                .isInstanceOf(EventRouter.Ignore.class);
        assertThat(router.route(new EventRouter.Incoming("logverdict:Drain", null, null, null)))
                .as("a drain without a bucket")
                .isInstanceOf(EventRouter.Ignore.class);
        assertThat(router.route(new EventRouter.Incoming("ObjectCreated:Copy", "b", "logs/x.log", "v3")))
                .isEqualTo(new EventRouter.Scan("b", "logs/x.log", "v3"));
    }
}
