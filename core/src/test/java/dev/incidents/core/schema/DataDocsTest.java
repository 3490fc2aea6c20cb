package dev.incidents.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/data.md is the lake's contract in prose; its table sections must list exactly the tables of
 * {@link LakeTables}, in order, each with exactly its columns (name, type, required), its key and
 * its partition column. The prose around them is free; the lists cannot drift.
 */
class DataDocsTest {
  private static final Pattern TABLE = Pattern.compile("### `([a-z0-9_]+)`");
  private static final Pattern COLUMN =
      Pattern.compile("\\| `([a-z0-9_]+)` \\| ([a-z_]+) \\| (yes|no) \\| .+ \\|");
  private static final Pattern KEY =
      Pattern.compile(
          "Key: (.+)\\. (?:Partitioned by (?:the UTC month of )?`([a-z0-9_]+)`|Not partitioned)\\.");
  private static final Pattern KEY_COLUMN = Pattern.compile("`([a-z0-9_]+)`");

  /** What docs/data.md states about one table. */
  record DocumentedTable(List<String> columns, List<String> key, Optional<String> partition) {}

  @Test
  void docsDataMdListsEveryTableAndColumnOfLakeTables() throws Exception {
    Path file = Path.of("").toAbsolutePath().getParent().resolve("docs/data.md");
    assertThat(file).exists();
    Map<String, DocumentedTable> documented = parse(Files.readAllLines(file));

    Map<String, DocumentedTable> expected = new LinkedHashMap<>();
    for (TableSchema table : LakeTables.ALL) {
      List<String> columns = new ArrayList<>();
      for (Column column : table.columns()) {
        columns.add(describe(column.name(), column.type().name().toLowerCase(), column.required()));
      }
      expected.put(
          table.name(), new DocumentedTable(columns, table.keyColumns(), table.partitionColumn()));
    }

    assertThat(List.copyOf(documented.keySet()))
        .as("docs/data.md: the table sections (### `name`), in the order of LakeTables.ALL")
        .containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, DocumentedTable> table : expected.entrySet()) {
      DocumentedTable actual = documented.get(table.getKey());
      assertThat(actual.columns())
          .as("docs/data.md, table %s: columns as `name` | type | required", table.getKey())
          .containsExactlyElementsOf(table.getValue().columns());
      assertThat(actual.key())
          .as("docs/data.md, table %s: the Key line", table.getKey())
          .isEqualTo(table.getValue().key());
      assertThat(actual.partition())
          .as("docs/data.md, table %s: the partition column", table.getKey())
          .isEqualTo(table.getValue().partition());
    }
  }

  @Test
  void aMalformedColumnRowOrAMissingKeyLineIsAnErrorNotASkippedLine() {
    assertThatParseFails(
        List.of("### `incidents`", "| `incident_id` | string | maybe | Id. |"),
        "docs/data.md line 2: a column row must read | `name` | type | yes or no | meaning |");
    assertThatParseFails(
        List.of("| `incident_id` | string | yes | Id. |"),
        "docs/data.md line 1: a column row outside a table section");
    assertThatParseFails(
        List.of("### `incidents`", "| `incident_id` | string | yes | Id. |"),
        "docs/data.md, table incidents: no 'Key: ...' line");
  }

  private static void assertThatParseFails(List<String> lines, String message) {
    try {
      parse(lines);
    } catch (IllegalStateException e) {
      assertThat(e).hasMessage(message);
      return;
    }
    throw new AssertionError("Expected the parse to fail with: " + message);
  }

  static Map<String, DocumentedTable> parse(List<String> lines) {
    Map<String, DocumentedTable> tables = new LinkedHashMap<>();
    String current = null;
    List<String> columns = null;
    List<String> key = null;
    Optional<String> partition = Optional.empty();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher table = TABLE.matcher(line);
      if (table.matches() || line.startsWith("## ") || line.startsWith("### ")) {
        if (current != null) {
          tables.put(current, finish(current, columns, key, partition));
        }
        current = table.matches() ? table.group(1) : null;
        columns = new ArrayList<>();
        key = null;
        partition = Optional.empty();
        continue;
      }
      if (line.startsWith("| `")) {
        if (current == null) {
          throw new IllegalStateException(
              "docs/data.md line " + (i + 1) + ": a column row outside a table section");
        }
        Matcher column = COLUMN.matcher(line);
        if (!column.matches()) {
          throw new IllegalStateException(
              "docs/data.md line "
                  + (i + 1)
                  + ": a column row must read | `name` | type | yes or no | meaning |");
        }
        columns.add(describe(column.group(1), column.group(2), column.group(3).equals("yes")));
        continue;
      }
      Matcher keyLine = KEY.matcher(line);
      if (current != null && keyLine.matches()) {
        key = new ArrayList<>();
        Matcher keyColumn = KEY_COLUMN.matcher(keyLine.group(1));
        while (keyColumn.find()) {
          key.add(keyColumn.group(1));
        }
        partition = Optional.ofNullable(keyLine.group(2));
      }
    }
    if (current != null) {
      tables.put(current, finish(current, columns, key, partition));
    }
    return tables;
  }

  private static DocumentedTable finish(
      String table, List<String> columns, List<String> key, Optional<String> partition) {
    if (key == null) {
      throw new IllegalStateException("docs/data.md, table " + table + ": no 'Key: ...' line");
    }
    return new DocumentedTable(columns, key, partition);
  }

  private static String describe(String name, String type, boolean required) {
    return name + " " + type + (required ? " required" : " optional");
  }
}
