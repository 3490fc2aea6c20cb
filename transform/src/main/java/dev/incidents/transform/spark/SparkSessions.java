package dev.incidents.transform.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Builds Spark sessions tuned for this workload: small data per stage, loopback only.
 *
 * <p>The driver binds to 127.0.0.1, because traffic to any other address is refused on the machines
 * this runs on, and a standalone cluster started by {@code incidents cluster up} listens there too.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String master, String applicationName) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(applicationName)
            .master(master)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.adaptive.enabled", "true")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .config("spark.sql.parquet.int96RebaseModeInRead", "CORRECTED")
            .config("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED")
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.debug.maxToStringFields", "1000")
            .config(
                "spark.sql.warehouse.dir",
                System.getProperty("java.io.tmpdir") + "/incidents-spark-warehouse");
    if (!master.startsWith("local")) {
      // Executors on a cluster need the same --add-opens flags as the driver.
      String flags = System.getenv().getOrDefault("INCIDENTS_SPARK_FLAGS", "");
      builder
          .config("spark.executor.extraJavaOptions", flags)
          .config("spark.executor.memory", "1g")
          .config("spark.cores.max", "2");
    }
    return builder.getOrCreate();
  }
}
