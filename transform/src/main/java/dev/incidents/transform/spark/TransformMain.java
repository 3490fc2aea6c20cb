package dev.incidents.transform.spark;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.config.ConfigResolver;
import dev.incidents.lake.Lake;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The entry point of the shaded job jar for {@code spark-submit} (standalone, YARN, Kubernetes):
 * {@code --lake DIR [--as-of INSTANT] [--timezone TZ] [--config FILE] [--master URL]}. Without
 * {@code --master}, the master comes from spark-submit.
 */
public final class TransformMain {
  private TransformMain() {}

  public static void main(String[] arguments) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      if (!arguments[i].startsWith("--")) {
        throw new IllegalArgumentException("Invalid argument: " + arguments[i]);
      }
      options.put(arguments[i].substring(2), arguments[i + 1]);
    }
    if (!options.containsKey("lake")) {
      System.err.println(
          "usage: TransformMain --lake DIR [--as-of INSTANT] [--timezone TZ] [--config FILE] [--master URL]");
      System.exit(2);
    }
    Map<String, String> flags = new HashMap<>();
    if (options.containsKey("timezone")) {
      flags.put(ConfigKeys.REPORT_TIMEZONE.name(), options.get("timezone"));
    }
    Config config =
        ConfigResolver.builder()
            .flags(flags)
            .file(Optional.ofNullable(options.get("config")).map(Path::of))
            .resolve();
    Instant asOf =
        options.containsKey("as-of") ? Instant.parse(options.get("as-of")) : Instant.now();
    TransformParameters parameters =
        TransformParameters.from(config, asOf, config.getZone(ConfigKeys.REPORT_TIMEZONE));
    Lake lake = new Lake(Path.of(options.get("lake")));
    SparkSession spark =
        options.containsKey("master")
            ? SparkSessions.create(options.get("master"), "incidents-transform")
            : SparkSession.builder()
                .appName("incidents-transform")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .getOrCreate();
    try (SparkEngine engine = new SparkEngine(spark, true, lake, parameters)) {
      TransformJob.Summary summary =
          new TransformJob(lake, parameters)
              .run(engine, (step, seconds) -> System.out.printf("%-20s %.2f s%n", step, seconds));
      System.out.println(
          "tables " + summary.tables() + " definitions " + summary.definitionsVersion());
    }
  }
}
