package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.ColumnType;
import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads one Parquet file of a lake table back into rows in the table's column order, straight from
 * the column readers into {@code Object[]} (no intermediate record tree); dictionary-encoded
 * strings are decoded once per dictionary. A column added after the file was written reads as null.
 */
final class RowReader {
  private RowReader() {}

  /** An open file, row by row. */
  interface Rows extends AutoCloseable {
    /** The next row, or null at the end. */
    Object[] next() throws IOException;

    @Override
    void close();
  }

  static void read(TableSchema table, Path file, Consumer<Object[]> sink) throws IOException {
    try (Rows rows = open(table, file, false)) {
      Object[] row;
      while ((row = rows.next()) != null) {
        sink.accept(row);
      }
    }
  }

  /** Reads only the key columns (the other values are null): for finding keys cheaply. */
  static void readKeys(TableSchema table, Path file, Consumer<Object[]> sink) throws IOException {
    try (Rows rows = open(table, file, true)) {
      Object[] row;
      while ((row = rows.next()) != null) {
        sink.accept(row);
      }
    }
  }

  static Rows open(TableSchema table, Path file) throws IOException {
    return open(table, file, false);
  }

  private static Rows open(TableSchema table, Path file, boolean keysOnly) throws IOException {
    ParquetReader<Object[]> reader =
        new Builder(new LocalInputFile(file), new RowReadSupport(table, keysOnly))
            .withConf(LakeValues.hadoop())
            .build();
    return new Rows() {
      @Override
      public Object[] next() throws IOException {
        return reader.read();
      }

      @Override
      public void close() {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot close " + file, e);
        }
      }
    };
  }

  /** Whether the file was written sorted by key (see {@link TableWrite}). */
  static boolean sortedByKey(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return "key"
          .equals(
              reader
                  .getFooter()
                  .getFileMetaData()
                  .getKeyValueMetaData()
                  .get(TableWrite.SORTED_KEY));
    }
  }

  /** The row count from the file's footer. */
  static long rowCount(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      long rows = 0;
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        rows += block.getRowCount();
      }
      return rows;
    }
  }

  private static final class Builder extends ParquetReader.Builder<Object[]> {
    private final ReadSupport<Object[]> support;

    Builder(LocalInputFile file, ReadSupport<Object[]> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected ReadSupport<Object[]> getReadSupport() {
      return support;
    }
  }

  private static final class RowReadSupport extends ReadSupport<Object[]> {
    private final TableSchema table;
    private final boolean keysOnly;

    RowReadSupport(TableSchema table, boolean keysOnly) {
      this.table = table;
      this.keysOnly = keysOnly;
    }

    @Override
    public ReadContext init(InitContext context) {
      MessageType file = context.getFileSchema();
      List<Type> fields = new ArrayList<>();
      for (Type field : file.getFields()) {
        boolean known = table.columns().stream().anyMatch(c -> c.name().equals(field.getName()));
        if (known && (!keysOnly || table.keyColumns().contains(field.getName()))) {
          fields.add(field);
        }
      }
      return new ReadContext(new MessageType(file.getName(), fields));
    }

    @Override
    public RecordMaterializer<Object[]> prepareForRead(
        Configuration configuration,
        Map<String, String> keyValueMetaData,
        MessageType fileSchema,
        ReadContext readContext) {
      return new RowMaterializer(table, readContext.getRequestedSchema());
    }
  }

  private static final class RowMaterializer extends RecordMaterializer<Object[]> {
    private final int width;
    private final GroupConverter root;
    private Object[] row;

    RowMaterializer(TableSchema table, MessageType requested) {
      this.width = table.columns().size();
      Converter[] converters = new Converter[requested.getFieldCount()];
      for (int i = 0; i < converters.length; i++) {
        Type field = requested.getType(i);
        int index = table.indexOf(field.getName());
        converters[i] = converter(table.columns().get(index), index, field);
      }
      this.root =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return converters[fieldIndex];
            }

            @Override
            public void start() {
              row = new Object[width];
            }

            @Override
            public void end() {}
          };
    }

    @Override
    public Object[] getCurrentRecord() {
      return row;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }

    private Converter converter(Column column, int index, Type field) {
      ColumnType type = column.type();
      return switch (type) {
        case STRING -> new StringConverter(value -> row[index] = value);
        case BIGINT ->
            new PrimitiveConverter() {
              @Override
              public void addLong(long value) {
                row[index] = value;
              }
            };
        case TIMESTAMP ->
            new PrimitiveConverter() {
              @Override
              public void addLong(long value) {
                row[index] = LakeValues.fromEpochMicros(value);
              }
            };
        case INT ->
            new PrimitiveConverter() {
              @Override
              public void addInt(int value) {
                row[index] = value;
              }
            };
        case DATE ->
            new PrimitiveConverter() {
              @Override
              public void addInt(int value) {
                row[index] = LocalDate.ofEpochDay(value);
              }
            };
        case DOUBLE ->
            new PrimitiveConverter() {
              @Override
              public void addDouble(double value) {
                row[index] = value;
              }
            };
        case BOOLEAN ->
            new PrimitiveConverter() {
              @Override
              public void addBoolean(boolean value) {
                row[index] = value;
              }
            };
        case STRING_ARRAY -> new ListConverter(index, field.asGroupType());
        case STRING_MAP -> new MapConverter(index, field.asGroupType());
      };
    }

    /** A list: the outer group, its repeated {@code list} group and its {@code element}. */
    private final class ListConverter extends GroupConverter {
      private final int index;
      private final GroupConverter repeated;
      private List<String> values;

      ListConverter(int index, GroupType type) {
        this.index = index;
        StringConverter element =
            new StringConverter(value -> values.set(values.size() - 1, value));
        this.repeated =
            new GroupConverter() {
              @Override
              public Converter getConverter(int fieldIndex) {
                return element;
              }

              @Override
              public void start() {
                values.add(null);
              }

              @Override
              public void end() {}
            };
      }

      @Override
      public Converter getConverter(int fieldIndex) {
        return repeated;
      }

      @Override
      public void start() {
        values = new ArrayList<>();
      }

      @Override
      public void end() {
        row[index] = values;
      }
    }

    /**
     * A map: the outer group, its repeated {@code key_value} group, {@code key} and {@code value}.
     */
    private final class MapConverter extends GroupConverter {
      private final int index;
      private final GroupConverter entry;
      private Map<String, String> values;
      private String key;
      private String value;

      MapConverter(int index, GroupType type) {
        this.index = index;
        StringConverter keys = new StringConverter(text -> key = text);
        StringConverter vals = new StringConverter(text -> value = text);
        this.entry =
            new GroupConverter() {
              @Override
              public Converter getConverter(int fieldIndex) {
                return fieldIndex == 0 ? keys : vals;
              }

              @Override
              public void start() {
                key = null;
                value = null;
              }

              @Override
              public void end() {
                values.put(key, value);
              }
            };
      }

      @Override
      public Converter getConverter(int fieldIndex) {
        return entry;
      }

      @Override
      public void start() {
        values = new HashMap<>();
      }

      @Override
      public void end() {
        row[index] = values;
      }
    }
  }

  /** Strings, with dictionary pages decoded once into String instances shared by their rows. */
  private static final class StringConverter extends PrimitiveConverter {
    private final Consumer<String> target;
    private String[] dictionary;

    StringConverter(Consumer<String> target) {
      this.target = target;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dictionary) {
      String[] decoded = new String[dictionary.getMaxId() + 1];
      for (int i = 0; i < decoded.length; i++) {
        decoded[i] = dictionary.decodeToBinary(i).toStringUsingUTF8();
      }
      this.dictionary = decoded;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      target.accept(dictionary[dictionaryId]);
    }

    @Override
    public void addBinary(Binary value) {
      target.accept(value.toStringUsingUTF8());
    }
  }
}
