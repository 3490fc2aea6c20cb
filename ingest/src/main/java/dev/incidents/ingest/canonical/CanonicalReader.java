package dev.incidents.ingest.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.RowBuilder;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.ingest.CsvReader;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The escape hatch for any other tool: JSON Lines or CSV whose columns are exactly a canonical
 * table's. Values are converted by the table's column types; ids must already be deterministic.
 */
public final class CanonicalReader {
  private CanonicalReader() {}

  /** Reads rows into {@code rows}, which receives the table and the row. */
  public static void read(
      Input input,
      IngestContext context,
      RecordSink sink,
      java.util.function.Function<java.util.Set<String>, java.util.Optional<TableSchema>> tables,
      BiConsumer<TableSchema, Object[]> rows) {
    boolean json;
    try (var stream = input.open()) {
      json =
          new String(stream.readNBytes(64), StandardCharsets.UTF_8).stripLeading().startsWith("{");
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_CSV,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
      return;
    }
    if (json) {
      JsonRecords.forEachLine(
          input,
          sink,
          (record, position) -> {
            java.util.Set<String> keys = new HashSet<>();
            record.fieldNames().forEachRemaining(keys::add);
            TableSchema table =
                tables
                    .apply(keys)
                    .orElseThrow(
                        () ->
                            new RecordException(
                                IngestErrorCode.UNKNOWN_VALUE,
                                "Invalid canonical record: its columns "
                                    + new java.util.TreeSet<>(keys)
                                    + " match no table"));
            Map<String, String> values = new LinkedHashMap<>();
            record
                .fields()
                .forEachRemaining(
                    field ->
                        values.put(
                            field.getKey(),
                            field.getValue().isNull()
                                ? null
                                : field.getValue().isContainerNode()
                                    ? field.getValue().toString()
                                    : field.getValue().asText()));
            rows.accept(table, row(table, values, record, context));
          });
      return;
    }
    try (CsvReader csv = CsvReader.open(input)) {
      List<String> header = csv.readHeader(input, sink);
      if (header == null) {
        return;
      }
      TableSchema table = tables.apply(new HashSet<>(header)).orElse(null);
      if (table == null) {
        sink.reject(
            "line 1",
            IngestErrorCode.UNKNOWN_VALUE,
            "Cannot parse " + input.name() + ": columns " + header + " match no canonical table",
            String.join(",", header));
        return;
      }
      List<String> cells;
      while ((cells = csv.readRecord()) != null) {
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue;
        }
        sink.read();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
          values.put(header.get(i), cells.get(i).isEmpty() ? null : cells.get(i));
        }
        try {
          if (cells.size() != header.size()) {
            throw new RecordException(
                IngestErrorCode.MALFORMED_CSV,
                "Invalid row: " + cells.size() + " cells for " + header.size() + " columns");
          }
          rows.accept(table, row(table, values, null, context));
        } catch (RecordException e) {
          sink.reject(
              "line " + csv.recordLine(), e.code(), e.getMessage(), String.join(",", cells));
        } catch (IllegalArgumentException e) {
          sink.reject(
              "line " + csv.recordLine(),
              IngestErrorCode.WRONG_TYPE,
              e.getMessage(),
              String.join(",", cells));
        }
      }
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_CSV,
          "Cannot parse " + input.name() + ": " + e.getMessage(),
          "");
    }
  }

  static Object[] row(
      TableSchema table, Map<String, String> values, JsonNode json, IngestContext context) {
    RowBuilder builder = new RowBuilder(table);
    for (Column column : table.columns()) {
      String value = values.get(column.name());
      if (value == null) {
        continue;
      }
      builder.set(
          column.name(),
          convert(column, value, json == null ? null : json.get(column.name()), context));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, e.getMessage());
    }
  }

  private static Object convert(Column column, String value, JsonNode node, IngestContext context) {
    try {
      return switch (column.type()) {
        case STRING -> column.name().equals("text") ? context.clean(value) : value;
        case BIGINT -> Long.parseLong(value.trim());
        case INT -> Integer.parseInt(value.trim());
        case DOUBLE -> Double.parseDouble(value.trim());
        case BOOLEAN -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new NumberFormatException();
          }
          yield Boolean.parseBoolean(value);
        }
        case TIMESTAMP -> Timestamps.iso(column.name(), value);
        case DATE -> Timestamps.date(column.name(), value);
        case STRING_ARRAY -> {
          List<String> list = new ArrayList<>();
          if (node != null && node.isArray()) {
            node.forEach(element -> list.add(element.asText()));
          } else {
            for (String part : value.split("\\|")) {
              if (!part.isBlank()) {
                list.add(part.trim());
              }
            }
          }
          yield list;
        }
        case STRING_MAP -> {
          Map<String, String> map = new LinkedHashMap<>();
          if (node != null && node.isObject()) {
            node.fields()
                .forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
          } else {
            JsonNode parsed = JsonRecords.MAPPER.readTree(value);
            parsed
                .fields()
                .forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
          }
          yield map;
        }
      };
    } catch (NumberFormatException | IOException e) {
      throw new RecordException(
          IngestErrorCode.WRONG_TYPE,
          "Invalid "
              + column.name()
              + ": '"
              + value
              + "' is not a "
              + column.type().name().toLowerCase());
    }
  }
}
