package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes lake rows ({@code Object[]} in column order) straight to a Parquet record consumer. */
final class RowWriteSupport extends WriteSupport<Object[]> {
  private final TableSchema table;
  private final boolean sortedByKey;
  private RecordConsumer consumer;

  RowWriteSupport(TableSchema table) {
    this(table, true);
  }

  /** {@code sortedByKey}: the rows come in key order, and the footer says so. */
  RowWriteSupport(TableSchema table, boolean sortedByKey) {
    this.table = table;
    this.sortedByKey = sortedByKey;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(
        ParquetSchemas.messageType(table),
        sortedByKey
            ? Map.of("incidents.table", table.name(), TableWrite.SORTED_KEY, "key")
            : Map.of("incidents.table", table.name()));
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    consumer.startMessage();
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      Object value = row[i];
      if (value == null) {
        continue;
      }
      Column column = columns.get(i);
      consumer.startField(column.name(), i);
      writeValue(column, value);
      consumer.endField(column.name(), i);
    }
    consumer.endMessage();
  }

  private void writeValue(Column column, Object value) {
    switch (column.type()) {
      case STRING -> consumer.addBinary(Binary.fromString((String) value));
      case BIGINT -> consumer.addLong((Long) value);
      case INT -> consumer.addInteger((Integer) value);
      case DOUBLE -> consumer.addDouble((Double) value);
      case BOOLEAN -> consumer.addBoolean((Boolean) value);
      case TIMESTAMP -> consumer.addLong(LakeValues.toEpochMicros((Instant) value));
      case DATE -> consumer.addInteger((int) ((LocalDate) value).toEpochDay());
      case STRING_ARRAY -> writeList((List<?>) value);
      case STRING_MAP -> writeMap((Map<?, ?>) value);
    }
  }

  private void writeList(List<?> values) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (Object element : values) {
        consumer.startGroup();
        if (element != null) {
          consumer.startField("element", 0);
          consumer.addBinary(Binary.fromString(element.toString()));
          consumer.endField("element", 0);
        }
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
  }

  private void writeMap(Map<?, ?> values) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("key_value", 0);
      // Sorted, so that the same map always writes the same bytes.
      for (Map.Entry<?, ?> entry : new TreeMap<>(values).entrySet()) {
        consumer.startGroup();
        consumer.startField("key", 0);
        consumer.addBinary(Binary.fromString(entry.getKey().toString()));
        consumer.endField("key", 0);
        if (entry.getValue() != null) {
          consumer.startField("value", 1);
          consumer.addBinary(Binary.fromString(entry.getValue().toString()));
          consumer.endField("value", 1);
        }
        consumer.endGroup();
      }
      consumer.endField("key_value", 0);
    }
    consumer.endGroup();
  }
}
