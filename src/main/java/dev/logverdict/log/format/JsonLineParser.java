package dev.logverdict.log.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.logverdict.log.LogFormat;
import dev.logverdict.log.bytes.ByteSlice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object per line (nginx {@code escape=json}, Caddy, Traefik, custom). Fields are found by the
 * names these servers use; nested objects are addressed with dots ({@code request.remote_ip}). The client
 * field can be named with {@code logverdict.json-ip-field}.
 */
final class JsonLineParser implements LineParser {

    static final List<String> CLIENT_FIELDS = List.of(
            "remote_addr",
            "client_ip",
            "clientip",
            "c-ip",
            "clientIp",
            "client_addr",
            "remote_ip",
            "ip",
            "src_ip",
            "client",
            "request.client_ip",
            "request.remote_ip",
            "ClientHost",
            "httpRequest.remoteIp");
    private static final List<String> FORWARDED_FIELDS = List.of(
            "http_x_forwarded_for",
            "x_forwarded_for",
            "x-forwarded-for",
            "xff",
            "forwarded_for",
            "request.headers.X-Forwarded-For",
            "request_X-Forwarded-For");
    private static final List<String> TIME_FIELDS =
            List.of("time_local", "time_iso8601", "@timestamp", "timestamp", "time", "ts", "StartUTC", "date");
    private static final List<String> STATUS_FIELDS =
            List.of("status", "sc-status", "status_code", "response_status", "DownstreamStatus", "httpRequest.status");
    private static final List<String> BYTES_FIELDS = List.of(
            "body_bytes_sent", "bytes_sent", "size", "bytes", "sc-bytes", "DownstreamContentSize", "response_size");
    private static final List<String> METHOD_FIELDS = List.of(
            "request_method", "method", "request.method", "RequestMethod", "cs-method", "httpRequest.requestMethod");
    private static final List<String> PATH_FIELDS =
            List.of("request_uri", "uri", "path", "request.uri", "RequestPath", "cs-uri-stem", "url");
    private static final List<String> AGENT_FIELDS = List.of(
            "http_user_agent",
            "user_agent",
            "useragent",
            "request.headers.User-Agent",
            "request_User-Agent",
            "cs(User-Agent)",
            "httpRequest.userAgent");
    private static final List<String> REFERER_FIELDS =
            List.of("http_referer", "referer", "referrer", "request.headers.Referer", "request_Referer", "cs(Referer)");
    private static final int MAX_DEPTH = 4;

    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(1 << 20)
                    .build())
            .build();
    private final List<String> clientFields;
    private final Map<String, String> values = new HashMap<>();

    JsonLineParser(Optional<String> configuredClientField) {
        this.clientFields = configuredClientField.map(List::of).orElse(CLIENT_FIELDS);
    }

    @Override
    public LogFormat family() {
        return LogFormat.JSON;
    }

    @Override
    public boolean parse(byte[] b, int from, int to, ParsedLine out) {
        int first = from;
        while (first < to && (b[first] == ' ' || b[first] == '\t')) {
            first++;
        }
        if (first == to || b[first] != '{') {
            out.malformed("not a JSON object");
            return false;
        }
        values.clear();
        try (JsonParser parser = json.createParser(b, first, to - first)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                out.malformed("not a JSON object");
                return false;
            }
            readObject(parser, "", 1);
            if (parser.nextToken() != null) {
                out.malformed("content after the JSON object");
                return false;
            }
        } catch (IOException | RuntimeException e) {
            applyClient(out);
            out.malformed("invalid JSON");
            return false;
        }
        if (!applyClient(out)) {
            out.malformed("no client address field ("
                    + String.join(", ", clientFields.subList(0, Math.min(4, clientFields.size()))) + "…)");
            return false;
        }
        setFirst(out.forwardedFor, FORWARDED_FIELDS);
        setFirst(out.method, METHOD_FIELDS);
        setFirst(out.path, PATH_FIELDS);
        setFirst(out.userAgent, AGENT_FIELDS);
        setFirst(out.referer, REFERER_FIELDS);
        String request = values.get("request");
        if (request != null && !out.path.isPresent()) {
            out.path.set(request);
            byte[] rb = out.path.bytes;
            RequestLine.split(rb, 0, rb.length, out);
        }
        out.epochSecond = timestamp();
        String status = first(STATUS_FIELDS);
        if (status != null) {
            try {
                int code = Integer.parseInt(status.trim());
                out.status = code >= 100 && code <= 599 ? code : -1;
            } catch (NumberFormatException ignored) {
                out.status = -1;
            }
        }
        String size = first(BYTES_FIELDS);
        if (size != null) {
            try {
                out.responseBytes = Long.parseLong(size.trim());
            } catch (NumberFormatException ignored) {
                out.responseBytes = -1;
            }
        }
        out.format = LogFormat.JSON;
        return true;
    }

    private boolean applyClient(ParsedLine out) {
        String client = first(clientFields);
        if (client == null || client.isEmpty()) {
            return false;
        }
        out.client.set(client);
        return true;
    }

    private void readObject(JsonParser parser, String prefix, int depth) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                if (depth < MAX_DEPTH) {
                    readObject(parser, name + ".", depth + 1);
                } else {
                    parser.skipChildren();
                }
            } else if (value == JsonToken.START_ARRAY) {
                // Header values come as arrays in Caddy logs: keep the first scalar.
                JsonToken element = parser.nextToken();
                if (element != null && element.isScalarValue()) {
                    values.putIfAbsent(name, parser.getText());
                }
                if (element != JsonToken.END_ARRAY) {
                    if (element != null && element.isStructStart()) {
                        parser.skipChildren();
                    }
                    while ((element = parser.nextToken()) != JsonToken.END_ARRAY && element != null) {
                        if (element.isStructStart()) {
                            parser.skipChildren();
                        }
                    }
                }
            } else if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                values.put(name, parser.getText());
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + token);
        }
    }

    private long timestamp() {
        for (String name : TIME_FIELDS) {
            String value = values.get(name);
            if (value == null) {
                continue;
            }
            byte[] text = value.getBytes(StandardCharsets.US_ASCII);
            long epoch = Timestamps.clf(text, 0, text.length);
            if (epoch == ParsedLine.NO_TIMESTAMP) {
                epoch = Timestamps.iso(text, 0, text.length);
            }
            if (epoch == ParsedLine.NO_TIMESTAMP) {
                epoch = epochNumber(value);
            }
            if (epoch != ParsedLine.NO_TIMESTAMP) {
                return epoch;
            }
        }
        return ParsedLine.NO_TIMESTAMP;
    }

    /** Epoch seconds (Caddy's ts: 1700000000.123) or milliseconds. */
    private static long epochNumber(String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 1e12 && number < 1e14) {
                return (long) (number / 1000);
            }
            if (number > 1e8 && number < 1e11) {
                return (long) number;
            }
        } catch (NumberFormatException ignored) {
            // not a number
        }
        return ParsedLine.NO_TIMESTAMP;
    }

    private String first(List<String> names) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private void setFirst(ByteSlice field, List<String> names) {
        String value = first(names);
        if (value != null) {
            field.set(value);
        }
    }
}
