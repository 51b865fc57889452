package dev.logverdict.report.ocsf.parquet;

import dev.logverdict.report.export.GzipJsonLines;
import dev.logverdict.report.ocsf.DetectionFinding;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.io.OutputStream;

/**
 * OCSF Detection Findings as Parquet, the format Amazon Security Lake takes from a custom source. The columns
 * are the OCSF attribute names the records carry (the JSON lines and this file hold the same data); OCSF's
 * integer_t is INT32, long_t and timestamp_t INT64 (epoch milliseconds), json_t a string of JSON text.
 */
public final class DetectionFindingParquet {

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message detection_finding {
              required int32 activity_id;
              optional binary activity_name (STRING);
              required int32 category_uid;
              optional binary category_name (STRING);
              required int32 class_uid;
              optional binary class_name (STRING);
              required int64 type_uid;
              optional binary type_name (STRING);
              required int64 time;
              required int32 severity_id;
              optional binary severity (STRING);
              optional int32 status_id;
              optional binary status (STRING);
              optional int32 confidence_id;
              optional binary confidence (STRING);
              optional binary message (STRING);
              optional int32 count;
              optional int64 start_time;
              optional int64 end_time;
              required group metadata {
                required binary version (STRING);
                required group product {
                  optional binary name (STRING);
                  optional binary vendor_name (STRING);
                }
                optional binary uid (STRING);
                optional binary log_name (STRING);
                optional int64 processed_time;
              }
              required group finding_info {
                required binary uid (STRING);
                optional binary title (STRING);
                optional binary desc (STRING);
                optional group types (LIST) {
                  repeated group list {
                    optional binary element (STRING);
                  }
                }
                optional int64 created_time;
                optional int64 first_seen_time;
                optional int64 last_seen_time;
                optional group data_sources (LIST) {
                  repeated group list {
                    optional binary element (STRING);
                  }
                }
                optional binary src_url (STRING);
              }
              optional group observables (LIST) {
                repeated group list {
                  optional group element {
                    required binary name (STRING);
                    required int32 type_id;
                    optional binary type (STRING);
                    optional binary value (STRING);
                    optional group reputation {
                      required double base_score;
                      required int32 score_id;
                      optional binary score (STRING);
                      optional binary provider (STRING);
                    }
                  }
                }
              }
              optional group evidences (LIST) {
                repeated group list {
                  optional group element {
                    optional group src_endpoint {
                      optional binary ip (STRING);
                      optional group autonomous_system {
                        optional int32 number;
                        optional binary name (STRING);
                      }
                      optional group location {
                        optional binary country (STRING);
                      }
                    }
                    optional binary data (STRING);
                  }
                }
              }
            }
            """);

    private final ParquetRecordWriter writer = new ParquetRecordWriter(SCHEMA, new GzipJsonLines().mapper());

    /** @return the number of records written */
    public long write(Iterable<DetectionFinding> findings, OutputStream out) throws IOException {
        return writer.write(findings.iterator(), out);
    }
}
