package dev.incidents.transform;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transformation as an ordered list of SQL files under {@code sql/}, facts first, then
 * aggregates. Each file is one SELECT in the subset Spark SQL and DuckDB share; a dialect-specific
 * sibling ({@code NN_name.spark.sql}) replaces it on that engine only, with a comment saying why.
 * Anchors are substituted as {@code ${name}}. The header comment of each file is its definition,
 * from which {@code docs/metrics.md} is generated.
 */
public final class SqlPipeline {
  /** One step: the file stem, the view it creates, and the lake table it fills (if any). */
  public record Step(String file, String view, Optional<TableSchema> output) {}

  public static final List<Step> STEPS =
      List.of(
          new Step("00a_incident_links", "incident_links", Optional.of(LakeTables.INCIDENT_LINKS)),
          new Step("00b_linked_incidents", "linked_incidents", Optional.empty()),
          new Step(
              "00c_person_identities",
              "person_identities",
              Optional.of(LakeTables.PERSON_IDENTITIES)),
          new Step("00d_person_aliases", "person_aliases", Optional.empty()),
          new Step("00e_linked_events", "linked_events", Optional.empty()),
          new Step("00f_linked_pages", "linked_pages", Optional.empty()),
          new Step(
              "00g_action_item_links",
              "action_item_links",
              Optional.of(LakeTables.ACTION_ITEM_LINKS)),
          new Step("00h_linked_action_items", "linked_action_items", Optional.empty()),
          new Step(
              "00i_alert_duplicates", "alert_duplicates", Optional.of(LakeTables.ALERT_DUPLICATES)),
          new Step("01_milestone_events", "milestone_events", Optional.empty()),
          new Step("02_page_milestones", "page_milestones", Optional.empty()),
          new Step("03_incident_services", "incident_services", Optional.empty()),
          new Step("04_alert_links", "alert_links", Optional.of(LakeTables.ALERT_LINKS)),
          new Step("05_incident_facts", "incident_facts", Optional.of(LakeTables.INCIDENT_FACTS)),
          new Step(
              "06_action_item_facts",
              "action_item_facts",
              Optional.of(LakeTables.ACTION_ITEM_FACTS)),
          new Step("06b_incident_dims", "incident_dims", Optional.empty()),
          new Step("06c_item_dims", "item_dims", Optional.empty()),
          new Step("06d_alert_dims", "alert_dims", Optional.empty()),
          new Step(
              "07_monthly_metrics", "monthly_metrics", Optional.of(LakeTables.MONTHLY_METRICS)),
          new Step(
              "08_alert_rule_stats", "alert_rule_stats", Optional.of(LakeTables.ALERT_RULE_STATS)),
          new Step("09_responder_load", "responder_load", Optional.of(LakeTables.RESPONDER_LOAD)),
          new Step("10_data_quality", "data_quality", Optional.of(LakeTables.DATA_QUALITY)));

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private SqlPipeline() {}

  /** The raw text of a step for an engine ({@code spark} or {@code duckdb}). */
  public static String text(Step step, String engine) {
    Optional<String> dialect = resource("sql/" + step.file() + "." + engine + ".sql");
    return dialect.orElseGet(
        () ->
            resource("sql/" + step.file() + ".sql")
                .orElseThrow(
                    () -> new IllegalStateException("Missing SQL file " + step.file() + ".sql")));
  }

  static Optional<String> resource(String name) {
    try (InputStream stream = SqlPipeline.class.getClassLoader().getResourceAsStream(name)) {
      if (stream == null) {
        return Optional.empty();
      }
      return Optional.of(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /** The SQL of a step with every placeholder substituted; an unknown placeholder is an error. */
  public static String sql(
      Step step, String engine, TransformParameters parameters, String definitionsVersion) {
    Map<String, String> values = new java.util.HashMap<>(parameters.values());
    values.put("definitions_version", definitionsVersion);
    values.put("duration_aggregates", durationAggregates());
    values.put("duration_columns", durationColumns());
    values.put("provenance_union", provenanceUnion());
    values.put("incident_merge_columns", mergeColumns(LakeTables.INCIDENTS, "incident_id"));
    values.put(
        "action_item_merge_columns", mergeColumns(LakeTables.ACTION_ITEMS, "action_item_id"));
    String pattern = values.get("channel_pattern_raw");
    if (pattern != null) {
      values.put("channel_pattern", regexLiteral(pattern, engine));
    }
    Matcher matcher = PLACEHOLDER.matcher(text(step, engine));
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "Unknown placeholder ${" + matcher.group(1) + "} in " + step.file());
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * A regular expression as a SQL string literal of the engine: Spark's literals treat a backslash
   * as an escape, DuckDB's do not. The pattern must also mean the same in Java's and RE2's syntax,
   * which the configured default does.
   */
  static String regexLiteral(String pattern, String engine) {
    if (engine.equals("spark")) {
      return "'" + pattern.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    return "'" + pattern.replace("'", "''") + "'";
  }

  /**
   * For a merge of several source rows into one: each column but the key takes the value of the
   * first member by {@code precedence_key} that has one.
   */
  static String mergeColumns(TableSchema table, String key) {
    List<String> lines = new ArrayList<>();
    for (var column : table.columns()) {
      if (column.name().equals(key)) {
        continue;
      }
      lines.add(
          "  min_by("
              + column.name()
              + ", precedence_key) FILTER (WHERE "
              + column.name()
              + " IS NOT NULL) AS "
              + column.name());
    }
    return String.join(",\n", lines);
  }

  static String durationAggregates() {
    List<String> lines = new ArrayList<>();
    for (String metric : LakeTables.DURATION_METRICS) {
      String column = metric + "_s";
      lines.add("    count(" + column + ") AS n_" + metric);
      lines.add("    avg(" + column + ") AS mean_" + column);
      lines.add("    percentile_cont(0.5) WITHIN GROUP (ORDER BY " + column + ") AS p50_" + column);
      lines.add("    percentile_cont(0.9) WITHIN GROUP (ORDER BY " + column + ") AS p90_" + column);
    }
    return String.join(",\n", lines);
  }

  static String durationColumns() {
    List<String> lines = new ArrayList<>();
    for (String metric : LakeTables.DURATION_METRICS) {
      String column = metric + "_s";
      lines.add("  CAST(coalesce(d.n_" + metric + ", 0) AS BIGINT) AS n_" + metric);
      lines.add("  CAST(d.mean_" + column + " AS DOUBLE) AS mean_" + column);
      lines.add("  CAST(d.p50_" + column + " AS DOUBLE) AS p50_" + column);
      lines.add("  CAST(d.p90_" + column + " AS DOUBLE) AS p90_" + column);
    }
    return String.join(",\n", lines);
  }

  static String provenanceUnion() {
    List<String> selects = new ArrayList<>();
    for (String milestone : LakeTables.MILESTONES) {
      selects.add(
          "  SELECT month, '"
              + milestone
              + "' AS milestone, "
              + milestone
              + "_source AS provenance FROM incident_facts");
    }
    return String.join("\n  UNION ALL\n", selects);
  }

  /**
   * The version hash of the active definitions: SHA-256 over every SQL file (both dialects) and the
   * anchors, first 12 hex digits. Every report prints it.
   */
  public static String definitionsVersion(TransformParameters parameters) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Step step : STEPS) {
        for (String engine : List.of("duckdb", "spark")) {
          digest.update(text(step, engine).getBytes(StandardCharsets.UTF_8));
        }
      }
      digest.update(parameters.definitionValues().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The header comment of a step: its definition in prose. */
  public static String definition(Step step) {
    StringBuilder prose = new StringBuilder();
    for (String line : text(step, "duckdb").split("\n")) {
      if (!line.startsWith("--")) {
        break;
      }
      prose.append(line.substring(2).trim()).append('\n');
    }
    return prose.toString().trim();
  }
}
