package dev.incidents.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The Examples section that ends every command's {@code --help}, kept in one table so that a test
 * can parse every example against the real command line (an example that names a removed flag fails
 * the build).
 */
final class Examples {
  private Examples() {}

  /** Examples per command, keyed by the command's name below {@code incidents} ("" for itself). */
  static final Map<String, List<String>> BY_COMMAND = new LinkedHashMap<>();

  static {
    BY_COMMAND.put(
        "",
        List.of(
            "incidents demo",
            "incidents ingest --lake data/lake data/exports",
            "incidents sql -e \"SELECT severity, count(*) FROM incidents GROUP BY ALL\""));
    BY_COMMAND.put(
        "demo", List.of("incidents demo", "incidents demo --engine duckdb --out data/demo"));
    BY_COMMAND.put(
        "generate",
        List.of(
            "incidents generate",
            "incidents generate --org medium --months 12 --seed 7 --out data/exports",
            "incidents generate --months 1 --out data/exports --snapshots daily"));
    BY_COMMAND.put(
        "ingest",
        List.of(
            "incidents ingest --lake data/lake data/exports",
            "incidents ingest --format pagerduty --source-timezone Europe/Berlin pd.csv"));
    BY_COMMAND.put(
        "transform",
        List.of(
            "incidents transform",
            "incidents transform --engine duckdb --as-of 2026-11-01T00:00:00Z",
            "incidents transform --master spark://127.0.0.1:7077"));
    BY_COMMAND.put("report", List.of("incidents report monthly --month 2026-11"));
    BY_COMMAND.put(
        "report monthly",
        List.of(
            "incidents report monthly --month 2026-11",
            "incidents report monthly --month 2026-11 --format html,xlsx",
            "incidents report monthly --month 2026-11 --format pdf"));
    BY_COMMAND.put(
        "report quarterly",
        List.of(
            "incidents report quarterly --quarter 2026-Q4",
            "incidents report quarterly --quarter 2026-Q4 --format html,pdf"));
    BY_COMMAND.put(
        "draft",
        List.of(
            "incidents draft INC-42",
            "incidents draft INC-42 --template pagerduty --llm ollama",
            "incidents draft --resolved-since 24h"));
    BY_COMMAND.put(
        "sql",
        List.of(
            "incidents sql",
            "incidents sql -e \"SELECT * FROM incidents\" --format csv",
            "incidents sql -f query.sql --format jsonl",
            "incidents sql -e \"SUMMARIZE incident_facts\" --max-rows 0"));
    BY_COMMAND.put(
        "notebook", List.of("incidents notebook run notebooks/01-mttr-by-service-and-severity.md"));
    BY_COMMAND.put(
        "notebook run",
        List.of(
            "incidents notebook run notebooks/01-mttr-by-service-and-severity.md",
            "incidents notebook run notebooks/03-alert-noise-audit.md --format html"));
    BY_COMMAND.put(
        "bench",
        List.of(
            "incidents bench", "incidents bench --org medium --stages ingest,transform --runs 3"));
    BY_COMMAND.put(
        "cluster",
        List.of("incidents cluster up", "incidents cluster status", "incidents cluster down"));
    BY_COMMAND.put(
        "pull",
        List.of(
            "incidents pull all",
            "incidents pull pagerduty incidentio --since 30d",
            "incidents pull slack --dry-run"));
    BY_COMMAND.put(
        "receive",
        List.of(
            "incidents receive",
            "incidents receive --bind 127.0.0.1 --port 9095 --spool data/spool"));
    BY_COMMAND.put("help", List.of("incidents help", "incidents help sql"));
  }

  /** Appends the Examples section to the help of the command and of every subcommand. */
  static void install(CommandLine root) {
    install(root, "");
  }

  private static void install(CommandLine command, String name) {
    List<String> examples = BY_COMMAND.get(name);
    if (examples != null) {
      UsageMessageSpec usage = command.getCommandSpec().usageMessage();
      List<String> footer = new java.util.ArrayList<>(List.of(usage.footer()));
      footer.add("%nExamples:");
      for (String example : examples) {
        footer.add("  " + example.replace("%", "%%"));
      }
      usage.footer(footer.toArray(String[]::new));
    }
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (sub.getValue().getParent() == command
          && sub.getKey().equals(sub.getValue().getCommandName())) {
        install(sub.getValue(), name.isEmpty() ? sub.getKey() : name + " " + sub.getKey());
      }
    }
  }
}
