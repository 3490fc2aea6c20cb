package dev.incidents.lake;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.mapType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of each lake table.
 *
 * <p>Every column is physically optional: "required" is enforced when a row is built, so that
 * Spark, DuckDB and older files all agree on nullability. Timestamps are INT64 micros with {@code
 * isAdjustedToUTC=true}; without it Spark reads {@code TIMESTAMP_NTZ} and {@code unix_seconds}
 * fails. Lists and maps use the standard three-level layout.
 */
public final class ParquetSchemas {
  private ParquetSchemas() {}

  public static MessageType messageType(TableSchema table) {
    List<Type> fields = new ArrayList<>();
    for (Column column : table.columns()) {
      fields.add(field(column));
    }
    return new MessageType(table.name(), fields);
  }

  static Type field(Column column) {
    String name = column.name();
    return switch (column.type()) {
      case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(stringType()).named(name);
      case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(name);
      case INT -> Types.optional(PrimitiveTypeName.INT32).named(name);
      case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
      case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
      case TIMESTAMP ->
          Types.optional(PrimitiveTypeName.INT64)
              .as(timestampType(true, TimeUnit.MICROS))
              .named(name);
      case DATE -> Types.optional(PrimitiveTypeName.INT32).as(dateType()).named(name);
      case STRING_ARRAY ->
          Types.optionalGroup()
              .as(listType())
              .addField(
                  Types.repeatedGroup()
                      .addField(
                          Types.optional(PrimitiveTypeName.BINARY)
                              .as(stringType())
                              .named("element"))
                      .named("list"))
              .named(name);
      case STRING_MAP ->
          Types.optionalGroup()
              .as(mapType())
              .addField(
                  Types.repeatedGroup()
                      .addField(
                          Types.required(PrimitiveTypeName.BINARY).as(stringType()).named("key"))
                      .addField(
                          Types.optional(PrimitiveTypeName.BINARY).as(stringType()).named("value"))
                      .named("key_value"))
              .named(name);
    };
  }
}
