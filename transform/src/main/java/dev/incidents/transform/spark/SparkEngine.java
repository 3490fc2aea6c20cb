package dev.incidents.transform.spark;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.transform.Engine;
import dev.incidents.transform.RowConverter;
import dev.incidents.transform.TransformParameters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * The pipeline on Spark: lake tables are read with their declared schema and registered as temp
 * views; each step is a cached temp view. Java UDFs fill the gaps DuckDB fills with macros: {@code
 * month_of}, {@code local_hour}, {@code local_isodow}, {@code first_of}, {@code as_of_date}.
 */
public final class SparkEngine implements Engine {
  private final SparkSession spark;
  private final boolean ownsSession;

  public SparkEngine(
      SparkSession spark, boolean ownsSession, Lake lake, TransformParameters parameters) {
    this.spark = spark;
    this.ownsSession = ownsSession;
    ZoneId zone = parameters.reportZone();
    spark
        .udf()
        .register(
            "month_of",
            (UDF1<Instant, String>)
                ts -> ts == null ? null : ts.atZone(zone).toLocalDate().toString().substring(0, 7),
            DataTypes.StringType);
    spark
        .udf()
        .register(
            "local_hour",
            (UDF2<Instant, String, Integer>)
                (ts, tz) -> ts == null ? null : ts.atZone(ZoneId.of(tz)).getHour(),
            DataTypes.IntegerType);
    spark
        .udf()
        .register(
            "local_isodow",
            (UDF2<Instant, String, Integer>)
                (ts, tz) -> ts == null ? null : ts.atZone(ZoneId.of(tz)).getDayOfWeek().getValue(),
            DataTypes.IntegerType);
    spark
        .udf()
        .register(
            "first_of",
            (UDF1<scala.collection.Seq<String>, String>)
                list -> list == null || list.isEmpty() ? null : list.head(),
            DataTypes.StringType);
    java.time.LocalDate asOfDate = java.time.LocalDate.parse(parameters.values().get("as_of_date"));
    spark
        .udf()
        .register(
            "as_of_date",
            (org.apache.spark.sql.api.java.UDF0<java.time.LocalDate>) () -> asOfDate,
            DataTypes.DateType);
    for (TableSchema table : LakeTables.ALL) {
      if (table.kind() == TableSchema.TableKind.CANONICAL) {
        SparkLake.read(spark, lake, table).createOrReplaceTempView(table.name());
      }
    }
  }

  @Override
  public String dialect() {
    return "spark";
  }

  @Override
  public void materialize(String view, String sql) {
    // An eager local checkpoint materialises the step and cuts its lineage: later steps plan
    // against a small leaf instead of re-analysing every earlier step's plan (which made Catalyst's
    // planning, not execution, the cost on small data).
    Dataset<Row> result = spark.sql(sql).localCheckpoint(true);
    result.createOrReplaceTempView(view);
  }

  @Override
  public void collect(String view, TableSchema table, Consumer<Object[]> sink) {
    Dataset<Row> rows = spark.table(view);
    List<Column> columns = table.columns();
    int[] positions = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      positions[i] = rows.schema().fieldIndex(columns.get(i).name());
    }
    Iterator<Row> iterator = rows.toLocalIterator();
    while (iterator.hasNext()) {
      Row row = iterator.next();
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        Object value = row.isNullAt(positions[i]) ? null : row.get(positions[i]);
        values[i] = RowConverter.convert(columns.get(i), value);
      }
      sink.accept(values);
    }
  }

  @Override
  public void close() {
    spark.catalog().clearCache();
    if (ownsSession) {
      spark.stop();
    }
  }
}
