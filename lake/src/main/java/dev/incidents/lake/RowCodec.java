package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
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

  void write(Output out, Object[] row) throws IOException {
    for (int i = 0; i < columns.length; i++) {
      Object value = row[i];
      if (value == null) {
        out.writeByte(0);
        continue;
      }
      out.writeByte(1);
      switch (columns[i].type()) {
        case STRING -> out.writeString((String) value);
        case BIGINT -> out.writeLong((Long) value);
        case INT -> out.writeInt((Integer) value);
        case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) value));
        case BOOLEAN -> out.writeByte((Boolean) value ? 1 : 0);
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
          // In key order, as the lake's files hold maps.
          if (map.size() < 2 || map instanceof java.util.SortedMap<?, ?>) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
              out.writeString(entry.getKey().toString());
              writeNullable(out, entry.getValue());
            }
          } else if (map.size() <= SMALL_MAP) {
            writeSorted(out, map);
          } else {
            for (Map.Entry<?, ?> entry : new java.util.TreeMap<>(map).entrySet()) {
              out.writeString(entry.getKey().toString());
              writeNullable(out, entry.getValue());
            }
          }
        }
      }
    }
  }

  /** The big-endian int of the run format at {@code position}. */
  static int intAt(byte[] bytes, int position) {
    return ((bytes[position] & 0xff) << 24)
        | ((bytes[position + 1] & 0xff) << 16)
        | ((bytes[position + 2] & 0xff) << 8)
        | (bytes[position + 3] & 0xff);
  }

  /** The big-endian long of the run format at {@code position}. */
  static long longAt(byte[] bytes, int position) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position + i] & 0xff);
    }
    return value;
  }

  /** Maps up to this size (labels, annotations) are sorted in place, without a TreeMap. */
  private static final int SMALL_MAP = 32;

  /** A small map's entries by key, by insertion into two arrays. */
  private static void writeSorted(Output out, Map<?, ?> map) throws IOException {
    String[] keys = new String[map.size()];
    Object[] values = new Object[map.size()];
    int count = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = entry.getKey().toString();
      int j = count++ - 1;
      while (j >= 0 && keys[j].compareTo(key) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = entry.getValue();
    }
    for (int i = 0; i < count; i++) {
      out.writeString(keys[i]);
      writeNullable(out, values[i]);
    }
  }

  private static final ThreadLocal<Output> SCRATCH =
      ThreadLocal.withInitial(() -> new Output(null));

  /** A row in the run format, in an array of its own. */
  byte[] encode(Object[] row) {
    Output out = SCRATCH.get();
    out.position = 0;
    try {
      write(out, row);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // no stream behind the scratch buffer
    }
    return java.util.Arrays.copyOf(out.buffer, out.position);
  }

  /** Decodes a row of {@link #encode(Object[])}. */
  Object[] decode(byte[] bytes) {
    try {
      return read(new Input(new java.io.ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Object[] read(Input in) throws IOException {
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (in.readByte() == 0) {
        continue;
      }
      row[i] =
          switch (columns[i].type()) {
            case STRING -> in.readString();
            case BIGINT -> in.readLong();
            case INT -> in.readInt();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case BOOLEAN -> in.readByte() != 0;
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
                String key = in.readString();
                map.put(key, readNullable(in));
              }
              yield map;
            }
          };
    }
    return row;
  }

  /**
   * A buffered, unsynchronized writer of the run format: values go into one byte array, which
   * reaches the stream in large writes (DataOutputStream over BufferedOutputStream took a lock per
   * value, which JFR showed as the top frame of the spill).
   */
  static final class Output implements AutoCloseable {
    private final java.io.OutputStream out;
    private byte[] buffer = new byte[1 << 16];
    private int position;

    Output(java.io.OutputStream out) {
      this.out = out;
    }

    private void ensure(int bytes) throws IOException {
      if (position + bytes <= buffer.length) {
        return;
      }
      if (out == null) {
        // An in-memory buffer (encode): it grows.
        buffer = java.util.Arrays.copyOf(buffer, Math.max(position + bytes, buffer.length * 2));
        return;
      }
      out.write(buffer, 0, position);
      position = 0;
      if (bytes > buffer.length) {
        buffer = new byte[Math.max(bytes, buffer.length * 2)];
      }
    }

    void writeByte(int value) throws IOException {
      ensure(1);
      buffer[position++] = (byte) value;
    }

    void writeInt(int value) throws IOException {
      ensure(4);
      buffer[position++] = (byte) (value >>> 24);
      buffer[position++] = (byte) (value >>> 16);
      buffer[position++] = (byte) (value >>> 8);
      buffer[position++] = (byte) value;
    }

    void writeLong(long value) throws IOException {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buffer[position++] = (byte) (value >>> shift);
      }
    }

    /** Writes raw bytes (an encoded row), as they are. */
    void writeBytes(byte[] value) throws IOException {
      ensure(value.length);
      System.arraycopy(value, 0, buffer, position, value.length);
      position += value.length;
    }

    void writeString(String value) throws IOException {
      int length = value.length();
      boolean ascii = true;
      for (int i = 0; i < length && ascii; i++) {
        ascii = value.charAt(i) < 0x80;
      }
      if (ascii) {
        writeInt(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
          buffer[position++] = (byte) value.charAt(i);
        }
        return;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      writeInt(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, position, bytes.length);
      position += bytes.length;
    }

    @Override
    public void close() throws IOException {
      out.write(buffer, 0, position);
      position = 0;
      out.close();
    }
  }

  /** The reader of {@link Output}'s format, over one large buffer. */
  static final class Input implements AutoCloseable {
    private final java.io.InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    Input(java.io.InputStream in) {
      this.in = in;
    }

    /** Whether another value follows; false at the end of the stream. */
    boolean more() throws IOException {
      return fill(1);
    }

    private boolean fill(int bytes) throws IOException {
      if (limit - position >= bytes) {
        return true;
      }
      int remaining = limit - position;
      if (bytes > buffer.length) {
        buffer = java.util.Arrays.copyOfRange(buffer, position, Math.max(bytes, buffer.length * 2));
      } else {
        System.arraycopy(buffer, position, buffer, 0, remaining);
      }
      position = 0;
      limit = remaining;
      while (limit < bytes) {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
          return false;
        }
        limit += read;
      }
      return true;
    }

    private void require(int bytes) throws IOException {
      if (!fill(bytes)) {
        throw new java.io.EOFException("A run ends mid-row");
      }
    }

    int readByte() throws IOException {
      require(1);
      return buffer[position++];
    }

    int readInt() throws IOException {
      require(4);
      int value = intAt(buffer, position);
      position += 4;
      return value;
    }

    long readLong() throws IOException {
      require(8);
      long value = longAt(buffer, position);
      position += 8;
      return value;
    }

    /** Reads {@code length} raw bytes. */
    byte[] readBytes(int length) throws IOException {
      require(length);
      byte[] value = java.util.Arrays.copyOfRange(buffer, position, position + length);
      position += length;
      return value;
    }

    String readString() throws IOException {
      int length = readInt();
      require(length);
      String value = new String(buffer, position, length, StandardCharsets.UTF_8);
      position += length;
      return value;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * The heap an encoded staged row holds, for the memory budget: its array, its key (a compact
   * string: its object and one byte per Latin-1 character) and the entry around it, on a 64-bit JVM
   * with compressed references.
   */
  static long encodedEstimate(byte[] row, String key) {
    return ENTRY_BYTES + align(16 + row.length) + 24 + align(16 + key.length());
  }

  /** The entry: a header, its fields and its references. */
  private static final long ENTRY_BYTES = 80;

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private static void writeNullable(Output out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      out.writeString(value.toString());
    }
  }

  private static String readNullable(Input in) throws IOException {
    return in.readByte() == 0 ? null : in.readString();
  }
}
