package dev.incidents.transform.spark;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.ColumnType;
import dev.incidents.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Spark {@link StructType} of each lake table; the one mapper Spark code uses. */
public final class SparkSchemas {
  private SparkSchemas() {}

  public static StructType structType(TableSchema table) {
    List<StructField> fields = new ArrayList<>();
    for (Column column : table.columns()) {
      // Physically every lake column is optional (see ParquetSchemas), so every field is nullable.
      fields.add(DataTypes.createStructField(column.name(), dataType(column.type()), true));
    }
    return DataTypes.createStructType(fields);
  }

  public static DataType dataType(ColumnType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case BIGINT -> DataTypes.LongType;
      case INT -> DataTypes.IntegerType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DATE -> DataTypes.DateType;
      case STRING_ARRAY -> DataTypes.createArrayType(DataTypes.StringType, true);
      case STRING_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
    };
  }
}
