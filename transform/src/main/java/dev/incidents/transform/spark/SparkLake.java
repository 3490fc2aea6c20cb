package dev.incidents.transform.spark;

import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads lake tables into Spark with their declared schema; a missing table reads as empty. */
public final class SparkLake {
  private SparkLake() {}

  public static Dataset<Row> read(SparkSession spark, Lake lake, TableSchema table) {
    List<Path> files = lake.files(table);
    if (files.isEmpty()) {
      return spark.createDataFrame(List.<Row>of(), SparkSchemas.structType(table));
    }
    // The files of the current version are named explicitly: the reader is pinned to one version
    // even if a writer publishes a new one meanwhile.
    return spark
        .read()
        .schema(SparkSchemas.structType(table))
        .parquet(files.stream().map(path -> path.toUri().toString()).toArray(String[]::new));
  }
}
