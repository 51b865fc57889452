package dev.logverdict.report.ocsf.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes records as one Parquet file to a stream, column by column as a {@link MessageType} declares them:
 * each record goes through Jackson's tree (so the names are those the JSON lines use), every field of the
 * tree must have a column (nothing is dropped silently), lists use Parquet's three-level LIST layout, and a
 * JSON object or array in a string column is written as its JSON text (OCSF's json_t).
 *
 * <p>Parquet's Hadoop-free path is used: no Hadoop class is loaded at run time, and compression is
 * {@link GzipCodecs}' (the JDK's deflater) instead of Hadoop's codec factory.
 */
public final class ParquetRecordWriter {

    /** One row group in memory before it is written: bounds what a large file holds at once. */
    private static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;

    private final MessageType schema;
    private final ObjectMapper mapper;

    public ParquetRecordWriter(MessageType schema, ObjectMapper mapper) {
        this.schema = schema;
        this.mapper = mapper;
    }

    /** @return the number of records written */
    public long write(Iterator<?> records, OutputStream out) throws IOException {
        long written = 0;
        try (ParquetWriter<JsonNode> writer = new Builder(new StreamOutputFile(out), schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new GzipCodecs())
                .withCompressionCodec(CompressionCodecName.GZIP)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build()) {
            while (records.hasNext()) {
                writer.write(mapper.valueToTree(records.next()));
                written++;
            }
        }
        return written;
    }

    private static final class Builder extends ParquetWriter.Builder<JsonNode, Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<JsonNode> getWriteSupport(ParquetConfiguration conf) {
            return new TreeWriteSupport(schema);
        }

        @Override
        protected WriteSupport<JsonNode> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new TreeWriteSupport(schema);
        }
    }

    /** Hands a Jackson tree to Parquet's record consumer, field by field in the schema's order. */
    static final class TreeWriteSupport extends WriteSupport<JsonNode> {
        private final MessageType schema;
        private RecordConsumer consumer;

        TreeWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(JsonNode record) {
            consumer.startMessage();
            writeFields(schema, record, "");
            consumer.endMessage();
        }

        private void writeFields(GroupType type, JsonNode node, String path) {
            node.fieldNames().forEachRemaining(name -> {
                if (!type.containsField(name)) {
                    throw new IllegalArgumentException("no Parquet column for " + path + name);
                }
            });
            for (int index = 0; index < type.getFieldCount(); index++) {
                Type field = type.getType(index);
                JsonNode value = node.get(field.getName());
                if (value == null || value.isNull()) {
                    if (field.isRepetition(Type.Repetition.REQUIRED)) {
                        throw new IllegalArgumentException("required " + path + field.getName() + " is missing");
                    }
                    continue;
                }
                consumer.startField(field.getName(), index);
                writeValue(field, value, path + field.getName() + ".");
                consumer.endField(field.getName(), index);
            }
        }

        private void writeValue(Type field, JsonNode value, String path) {
            if (field.isPrimitive()) {
                writePrimitive(field.asPrimitiveType(), value);
                return;
            }
            GroupType group = field.asGroupType();
            consumer.startGroup();
            if (group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                writeList(group, value, path);
            } else {
                writeFields(group, value, path);
            }
            consumer.endGroup();
        }

        /** LIST → repeated group "list" → optional "element". */
        private void writeList(GroupType list, JsonNode array, String path) {
            if (!array.isArray()) {
                throw new IllegalArgumentException(path + " is a list column but the value is " + array.getNodeType());
            }
            if (array.isEmpty()) {
                return;
            }
            GroupType repeated = list.getType(0).asGroupType();
            Type element = repeated.getType(0);
            consumer.startField(repeated.getName(), 0);
            for (JsonNode item : array) {
                consumer.startGroup();
                if (!item.isNull()) {
                    consumer.startField(element.getName(), 0);
                    writeValue(element, item, path);
                    consumer.endField(element.getName(), 0);
                }
                consumer.endGroup();
            }
            consumer.endField(repeated.getName(), 0);
        }

        private void writePrimitive(PrimitiveType type, JsonNode value) {
            switch (type.getPrimitiveTypeName()) {
                case INT32 -> consumer.addInteger(value.intValue());
                case INT64 -> consumer.addLong(value.longValue());
                case DOUBLE -> consumer.addDouble(value.doubleValue());
                case BOOLEAN -> consumer.addBoolean(value.booleanValue());
                case BINARY ->
                    consumer.addBinary(Binary.fromString(value.isTextual() ? value.textValue() : value.toString()));
                default -> throw new IllegalArgumentException("unsupported Parquet type " + type);
            }
        }
    }

    /** Parquet writes a file front to back; a stream that knows its position is all it needs. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    position += length;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() {
                    // The caller owns the stream: it completes the upload.
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "stream";
        }
    }
}
