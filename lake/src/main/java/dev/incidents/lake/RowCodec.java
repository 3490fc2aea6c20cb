package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a lake row in the upsert's sorted runs: a presence byte per column, then the
 * value in a fixed encoding per column type. Runs are written once and read once, so the codec is
 * plain and fast (no compression, no dictionaries); timestamps are already truncated to the
 * microsecond the lake stores.
 */
final class RowCodec {
  private final Column[] columns;

  RowCodec(TableSchema table) {
    this.columns = table.columns().toArray(new Column[0]);
  }

  void write(DataOutputStream out, Object[] row) throws IOException {
    for (int i = 0; i < columns.length; i++) {
      Object value = row[i];
      if (value == null) {
        out.writeByte(0);
        continue;
      }
      out.writeByte(1);
      switch (columns[i].type()) {
        case STRING -> writeString(out, (String) value);
        case BIGINT -> out.writeLong((Long) value);
        case INT -> out.writeInt((Integer) value);
        case DOUBLE -> out.writeDouble((Double) value);
        case BOOLEAN -> out.writeBoolean((Boolean) value);
        case TIMESTAMP -> out.writeLong(LakeValues.toEpochMicros((Instant) value));
        case DATE -> out.writeLong(((LocalDate) value).toEpochDay());
        case STRING_ARRAY -> {
          List<?> list = (List<?>) value;
          out.writeInt(list.size());
          for (Object element : list) {
            writeNullable(out, element);
          }
        }
        case STRING_MAP -> {
          Map<?, ?> map = (Map<?, ?>) value;
          out.writeInt(map.size());
          for (Map.Entry<?, ?> entry : map.entrySet()) {
            writeString(out, entry.getKey().toString());
            writeNullable(out, entry.getValue());
          }
        }
      }
    }
  }

  Object[] read(DataInputStream in) throws IOException {
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (in.readByte() == 0) {
        continue;
      }
      row[i] =
          switch (columns[i].type()) {
            case STRING -> readString(in);
            case BIGINT -> in.readLong();
            case INT -> in.readInt();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case TIMESTAMP -> LakeValues.fromEpochMicros(in.readLong());
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case STRING_ARRAY -> {
              int size = in.readInt();
              List<String> list = new ArrayList<>(size);
              for (int j = 0; j < size; j++) {
                list.add(readNullable(in));
              }
              yield list;
            }
            case STRING_MAP -> {
              int size = in.readInt();
              Map<String, String> map = new LinkedHashMap<>();
              for (int j = 0; j < size; j++) {
                String key = readString(in);
                map.put(key, readNullable(in));
              }
              yield map;
            }
          };
    }
    return row;
  }

  /**
   * An estimate of the heap a staged row holds (its values, the array and the entry around it), for
   * the memory budget; it errs on the high side.
   */
  static long heapEstimate(Object[] row, String key) {
    long bytes = 96 + 8L * row.length + 48 + 2L * key.length();
    for (Object value : row) {
      bytes += valueEstimate(value);
    }
    return bytes;
  }

  private static long valueEstimate(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String text) {
      return 48 + 2L * text.length();
    }
    if (value instanceof List<?> list) {
      long bytes = 40 + 8L * list.size();
      for (Object element : list) {
        bytes += valueEstimate(element);
      }
      return bytes;
    }
    if (value instanceof Map<?, ?> map) {
      long bytes = 64 + 48L * map.size();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        bytes += valueEstimate(entry.getKey()) + valueEstimate(entry.getValue());
      }
      return bytes;
    }
    return 24;
  }

  static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeNullable(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      writeString(out, value.toString());
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readByte() == 0 ? null : readString(in);
  }
}
