package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;

/** Reads one Parquet file of a lake table back into rows in the table's column order. */
final class RowReader {
  private RowReader() {}

  static void read(TableSchema table, Path file, Consumer<Object[]> sink) throws IOException {
    try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
      Group group;
      while ((group = reader.read()) != null) {
        sink.accept(toRow(table, group));
      }
    }
  }

  private static Object[] toRow(TableSchema table, Group group) {
    List<Column> columns = table.columns();
    Object[] row = new Object[columns.size()];
    GroupType type = group.getType();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (!type.containsField(column.name())) {
        continue; // a column added after the file was written reads as null
      }
      int field = type.getFieldIndex(column.name());
      if (group.getFieldRepetitionCount(field) == 0) {
        continue;
      }
      row[i] =
          switch (column.type()) {
            case STRING -> group.getString(field, 0);
            case BIGINT -> group.getLong(field, 0);
            case INT -> group.getInteger(field, 0);
            case DOUBLE -> group.getDouble(field, 0);
            case BOOLEAN -> group.getBoolean(field, 0);
            case TIMESTAMP -> LakeValues.fromEpochMicros(group.getLong(field, 0));
            case DATE -> LocalDate.ofEpochDay(group.getInteger(field, 0));
            case STRING_ARRAY -> readList(group.getGroup(field, 0));
            case STRING_MAP -> readMap(group.getGroup(field, 0));
          };
    }
    return row;
  }

  private static List<String> readList(Group list) {
    int count = list.getFieldRepetitionCount(0);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Group element = list.getGroup(0, i);
      values.add(element.getFieldRepetitionCount(0) == 0 ? null : element.getString(0, 0));
    }
    return values;
  }

  private static Map<String, String> readMap(Group map) {
    int count = map.getFieldRepetitionCount(0);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < count; i++) {
      Group entry = map.getGroup(0, i);
      values.put(
          entry.getString(0, 0),
          entry.getFieldRepetitionCount(1) == 0 ? null : entry.getString(1, 0));
    }
    return values;
  }

  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(LocalInputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
