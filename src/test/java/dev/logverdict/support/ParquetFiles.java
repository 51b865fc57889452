package dev.logverdict.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logverdict.report.ocsf.parquet.GzipCodecs;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a Parquet file back into JSON trees by the schema in its own footer, for tests. */
public final class ParquetFiles {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParquetFiles() {}

    /** The schema the file's footer declares. */
    public static MessageType schemaOf(byte[] file) throws IOException {
        try (ParquetFileReader reader = open(file)) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    public static List<JsonNode> read(byte[] file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (ParquetFileReader reader = open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rows = new ColumnIOFactory()
                        .getColumnIO(schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long row = 0; row < rowGroup.getRowCount(); row++) {
                    records.add(toJson(rows.read(), schema));
                }
            }
        }
        return records;
    }

    private static ParquetFileReader open(byte[] file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new GzipCodecs())
                .build();
        return ParquetFileReader.open(new BytesInputFile(file), options);
    }

    private static ObjectNode toJson(Group group, GroupType type) {
        ObjectNode node = NODES.objectNode();
        for (int index = 0; index < type.getFieldCount(); index++) {
            if (group.getFieldRepetitionCount(index) == 0) {
                continue;
            }
            Type field = type.getType(index);
            node.set(field.getName(), value(group, index, field));
        }
        return node;
    }

    private static JsonNode value(Group group, int index, Type field) {
        if (field.isPrimitive()) {
            return switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> NODES.numberNode(group.getInteger(index, 0));
                case INT64 -> NODES.numberNode(group.getLong(index, 0));
                case DOUBLE -> NODES.numberNode(group.getDouble(index, 0));
                case BOOLEAN -> NODES.booleanNode(group.getBoolean(index, 0));
                case BINARY -> NODES.textNode(group.getString(index, 0));
                default -> throw new IllegalStateException("unexpected column " + field);
            };
        }
        GroupType groupType = field.asGroupType();
        Group child = group.getGroup(index, 0);
        if (!(groupType.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            return toJson(child, groupType);
        }
        ArrayNode array = NODES.arrayNode();
        GroupType repeated = groupType.getType(0).asGroupType();
        for (int item = 0; item < child.getFieldRepetitionCount(0); item++) {
            Group entry = child.getGroup(0, item);
            array.add(entry.getFieldRepetitionCount(0) == 0 ? NODES.nullNode() : value(entry, 0, repeated.getType(0)));
        }
        return array;
    }

    private record BytesInputFile(byte[] bytes) implements InputFile {
        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return bytes.length - in.available();
                }

                @Override
                public void seek(long position) {
                    in.reset();
                    in.skip(position);
                }
            };
        }
    }
}
