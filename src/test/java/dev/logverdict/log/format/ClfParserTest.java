package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClfParserTest {

    private final ClfParser parser = new ClfParser(ClfParser.Variant.PLAIN);

    private final ParsedLine line = new ParsedLine();

    private ParsedLine parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        line.reset();
        parser.parse(bytes, 0, bytes.length, line);
        return line;
    }

    private String client(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        line.reset();
        parser.parse(bytes, 0, bytes.length, line);
        return line.client().asString();
    }

    @Test
    void readsACombinedLine() {
        ParsedLine parsed =
                parse("93.184.216.34 - alice [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
                        + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"");
        assertThat(parsed.isMalformed()).isFalse();
        assertThat(parsed.format()).isEqualTo(LogFormat.COMBINED);
        assertThat(parsed.status()).isEqualTo(200);
        assertThat(parsed.responseBytes()).isEqualTo(2326);
        assertThat(Instant.ofEpochSecond(parsed.epochSecond())).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
    }

    @Test
    void readsACommonLineWithADashForTheSize() {
        ParsedLine parsed = parse("2001:db8::7 - - [29/Feb/2024:00:00:00 +0000] \"HEAD / HTTP/1.1\" 304 -");
        assertThat(parsed.isMalformed()).isFalse();
        assertThat(parsed.format()).isEqualTo(LogFormat.COMMON);
        assertThat(parsed.responseBytes()).isEqualTo(-1);
        assertThat(Instant.ofEpochSecond(parsed.epochSecond())).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void honoursEscapedQuotesInsideQuotedFields() {
        ParsedLine parsed = parse("1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET /a?q=\\\"b\\\" HTTP/1.1\" 200 5 "
                + "\"-\" \"agent with \\\"quotes\\\" and \\\\ backslash\"");
        assertThat(parsed.isMalformed()).isFalse();
        assertThat(parsed.format()).isEqualTo(LogFormat.COMBINED);
    }

    @Test
    void acceptsCustomFieldsAfterTheUserAgent() {
        ParsedLine parsed = parse(
                "10.0.0.2 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\" \"198.51.100.4, 10.0.0.1\" 0.003");
        assertThat(parsed.isMalformed()).isFalse();
        assertThat(parsed.format()).isEqualTo(LogFormat.COMBINED);
    }

    @Test
    void takesTheClientFieldEvenWhenTheRestIsGarbage() {
        assertThat(client("203.0.113.5 \u0016\u0003\u0001\u0000")).isEqualTo("203.0.113.5");
        assertThat(line.isMalformed()).isTrue();
        assertThat(client("198.51.100.9 - - [27/Nov/2026:10:00:00 +0000] \"GET /trunc"))
                .isEqualTo("198.51.100.9");
        assertThat(line.malformedReason()).isEqualTo("unterminated request field");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.2.3.4|no field separator after the client field",
                "1.2.3.4 - - 27/Nov/2026:10:00:00 +0000 \"GET / HTTP/1.1\" 200 5|missing [timestamp]",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000 \"GET / HTTP/1.1\" 200 5|unterminated [timestamp]",
                "1.2.3.4 - - [31/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5|invalid timestamp",
                "1.2.3.4 - - [27/Foo/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5|invalid timestamp",
                "1.2.3.4 - - [27/Nov/2026:25:00:00 +0000] \"GET / HTTP/1.1\" 200 5|invalid timestamp",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] GET / HTTP/1.1 200 5|missing quoted request field",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 2000 5|invalid status code",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" OK 5|invalid status code",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200|missing size field",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5k|invalid size field",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 junk|unexpected content after the size field",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\"|missing user-agent field",
                "1.2.3.4 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozil|unterminated user-agent field",
            })
    void explainsWhyALineIsMalformed(String text, String reason) {
        ParsedLine parsed = parse(text);
        assertThat(parsed.malformedReason()).isEqualTo(reason);
        assertThat(client(text)).isEqualTo("1.2.3.4");
    }
}
