package dev.incidents.transform;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKey;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.schema.Column;
import java.time.Instant;
import java.util.Map;

/**
 * Generates {@code docs/metrics.md} from the same source as the numbers: the header comment of
 * every SQL file, the anchors with their defaults, and the derived tables' columns. A test fails
 * when the committed file is stale.
 */
public final class MetricDocs {
  private MetricDocs() {}

  public static String generate() {
    Config defaults = Config.defaults();
    TransformParameters parameters =
        TransformParameters.from(
            defaults, Instant.EPOCH, defaults.getZone(ConfigKeys.REPORT_TIMEZONE));
    StringBuilder doc = new StringBuilder();
    doc.append("# Metric definitions\n\n");
    doc.append(
        "Generated from `transform/src/main/resources/sql/*.sql` and the configuration defaults by\n");
    doc.append(
        "`MetricDocs` (`mvn -pl transform test -Dtest=MetricDocsTest -Dincidents.docs.update=true`).\n");
    doc.append("Do not edit by hand: a test fails when this file no longer matches the code.\n\n");
    doc.append("Definitions version with the default anchors: `")
        .append(SqlPipeline.definitionsVersion(parameters))
        .append("`.\n");
    doc.append(
        "The version changes with any SQL text or anchor; every report prints the version it used.\n\n");
    doc.append("## Anchors\n\n| key | default | meaning |\n|---|---|---|\n");
    for (ConfigKey key : ConfigKeys.ALL) {
      if (key.name().startsWith("targets.")
          || key.name().startsWith("metrics.")
          || key.name().startsWith("postmortem.")
          || key.name().equals("report.timezone")) {
        doc.append("| `")
            .append(key.name())
            .append("` | `")
            .append(key.defaultValue().replace("|", "\\|"))
            .append("` | ")
            .append(key.description())
            .append(" |\n");
      }
    }
    doc.append(
        "\n## Pipeline\n\nThe steps run in this order, on Spark or DuckDB, over the lake's canonical tables.\n");
    for (SqlPipeline.Step step : SqlPipeline.STEPS) {
      doc.append("\n### ").append(step.view());
      step.output().ifPresent(table -> doc.append(" (table `").append(table.name()).append("`)"));
      doc.append("\n\nFile: `sql/").append(step.file()).append(".sql`\n\n");
      doc.append(substitute(SqlPipeline.definition(step), parameters.values())).append("\n");
      step.output()
          .ifPresent(
              table -> {
                doc.append("\n| column | type | meaning |\n|---|---|---|\n");
                for (Column column : table.columns()) {
                  doc.append("| `")
                      .append(column.name())
                      .append("` | ")
                      .append(column.type().name().toLowerCase())
                      .append(" | ")
                      .append(column.description().replace("|", "\\|"))
                      .append(" |\n");
                }
              });
    }
    return doc.toString();
  }

  private static String substitute(String text, Map<String, String> values) {
    String result = text;
    for (Map.Entry<String, String> value : values.entrySet()) {
      result = result.replace("${" + value.getKey() + "}", value.getValue());
    }
    return result;
  }
}
