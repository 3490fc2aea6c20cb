package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes staged rows in their {@link RowCodec} form straight to a Parquet record consumer: strings
 * go to Parquet as slices of the encoded row (already UTF-8), so that no {@code String} is rebuilt
 * and encoded again on the way out. The same rows give the same bytes as {@link RowWriteSupport}
 * (maps are encoded in key order, as it writes them).
 */
final class EncodedWriteSupport extends WriteSupport<byte[]> {
  private final TableSchema table;
  private final Column[] columns;
  private RecordConsumer consumer;
  private byte[] bytes;
  private int position;

  EncodedWriteSupport(TableSchema table) {
    this.table = table;
    this.columns = table.columns().toArray(new Column[0]);
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(
        ParquetSchemas.messageType(table),
        Map.of("incidents.table", table.name(), TableWrite.SORTED_KEY, "key"));
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(byte[] row) {
    bytes = row;
    position = 0;
    consumer.startMessage();
    for (int i = 0; i < columns.length; i++) {
      if (bytes[position++] == 0) {
        continue;
      }
      Column column = columns[i];
      consumer.startField(column.name(), i);
      switch (column.type()) {
        case STRING -> consumer.addBinary(string());
        case BIGINT, TIMESTAMP -> consumer.addLong(readLong());
        case INT -> consumer.addInteger(readInt());
        case DOUBLE -> consumer.addDouble(Double.longBitsToDouble(readLong()));
        case BOOLEAN -> consumer.addBoolean(bytes[position++] != 0);
        case DATE -> consumer.addInteger((int) readLong());
        case STRING_ARRAY -> list();
        case STRING_MAP -> map();
      }
      consumer.endField(column.name(), i);
    }
    consumer.endMessage();
    bytes = null;
  }

  private void list() {
    int size = readInt();
    consumer.startGroup();
    if (size > 0) {
      consumer.startField("list", 0);
      for (int j = 0; j < size; j++) {
        consumer.startGroup();
        if (bytes[position++] != 0) {
          consumer.startField("element", 0);
          consumer.addBinary(string());
          consumer.endField("element", 0);
        }
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
  }

  private void map() {
    int size = readInt();
    consumer.startGroup();
    if (size > 0) {
      consumer.startField("key_value", 0);
      for (int j = 0; j < size; j++) {
        consumer.startGroup();
        consumer.startField("key", 0);
        consumer.addBinary(string());
        consumer.endField("key", 0);
        if (bytes[position++] != 0) {
          consumer.startField("value", 1);
          consumer.addBinary(string());
          consumer.endField("value", 1);
        }
        consumer.endGroup();
      }
      consumer.endField("key_value", 0);
    }
    consumer.endGroup();
  }

  /** A slice of the row: Parquet copies what it keeps (dictionary entries, statistics). */
  private Binary string() {
    int length = readInt();
    Binary value = Binary.fromReusedByteArray(bytes, position, length);
    position += length;
    return value;
  }

  private int readInt() {
    int value = RowCodec.intAt(bytes, position);
    position += 4;
    return value;
  }

  private long readLong() {
    long value = RowCodec.longAt(bytes, position);
    position += 8;
    return value;
  }
}
