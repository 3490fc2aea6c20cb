package dev.incidents.ingest.jira;

import static dev.incidents.ingest.json.Fields.requiredText;
import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.ActionItemStatus;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Person;
import dev.incidents.ingest.CsvReader;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jira action items: REST search JSON (timestamps with offsets such as {@code -0800}) or a CSV
 * export, whose dates follow the exporting user's locale (configured) and whose multi-valued fields
 * repeat their header. The incident is found through a label or an issue link matching the
 * configured reference pattern.
 */
public final class JiraReader implements SourceReader {
  public static final String SOURCE = "jira";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    boolean csv;
    try (var stream = input.open()) {
      String head = new String(stream.readNBytes(1024), StandardCharsets.UTF_8).stripLeading();
      csv = !head.startsWith("{") && !head.startsWith("[");
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_CSV,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
      return;
    }
    if (csv) {
      readCsv(input, context, sink);
    } else {
      JsonRecords.forEach(
          input, sink, Set.of("issues"), (issue, pointer) -> issue(issue, context, sink));
    }
  }

  /**
   * The browse link of an issue, {@code https://SITE[/context]/browse/KEY}, whatever REST URL its
   * {@code self} is: {@code /rest/api/2|3/issue/ID}, the Agile API's {@code
   * /rest/agile/1.0/issue/ID}, or any other {@code /rest/} resource of the site; a {@code self}
   * without {@code /rest/} keeps only its scheme and host.
   */
  static Optional<String> browseUrl(String self, String key) {
    int rest = self.indexOf("/rest/");
    if (rest > 0) {
      return Optional.of(self.substring(0, rest) + "/browse/" + key);
    }
    try {
      java.net.URI uri = java.net.URI.create(self);
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return Optional.empty();
      }
      return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority() + "/browse/" + key);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean wontDo(String resolution) {
    String normalized =
        resolution == null ? "" : resolution.toLowerCase(Locale.ROOT).replace("’", "'");
    return normalized.contains("won't")
        || normalized.contains("wont")
        || normalized.contains("not do")
        || normalized.contains("declined");
  }

  private static void issue(JsonNode issue, IngestContext context, RecordSink sink) {
    String key = requiredText(issue, "key");
    Optional<String> resolution = text(issue, "fields.resolution.name");
    String category = text(issue, "fields.status.statusCategory.key").orElse("new");
    ActionItemStatus status =
        resolution.filter(JiraReader::wontDo).isPresent()
            ? ActionItemStatus.WONT_DO
            : category.equals("done") ? ActionItemStatus.DONE : ActionItemStatus.OPEN;
    List<String> references = new ArrayList<>();
    JsonNode labels = Fields.at(issue, "fields.labels");
    if (labels != null && labels.isArray()) {
      labels.forEach(label -> references.add(label.asText()));
    }
    JsonNode links = Fields.at(issue, "fields.issuelinks");
    if (links != null && links.isArray()) {
      for (JsonNode link : links) {
        text(link, "inwardIssue.key").ifPresent(references::add);
        text(link, "outwardIssue.key").ifPresent(references::add);
      }
    }
    Optional<String> incident = link(references, context);
    Optional<Instant> resolved =
        Fields.instant(issue, "fields.resolutiondate")
            .or(() -> status == ActionItemStatus.OPEN ? Optional.empty() : lastTransition(issue));
    JsonNode assignee = Fields.at(issue, "fields.assignee");
    if (assignee != null && assignee.isObject()) {
      Optional<String> accountId =
          text(assignee, "accountId")
              .or(() -> text(assignee, "name"))
              .or(() -> text(assignee, "key"));
      Optional<String> displayName = text(assignee, "displayName");
      if (accountId.isPresent() && displayName.isPresent()) {
        sink.person(
            Person.of(SOURCE, accountId.get(), displayName.get(), text(assignee, "emailAddress")));
      }
    }
    sink.actionItem(
        new ActionItem(
            Ids.of(SOURCE, "issue", key),
            incident,
            context.clean(text(issue, "fields.summary").orElse(key)),
            text(issue, "fields.assignee.emailAddress")
                .or(() -> text(issue, "fields.assignee.displayName")),
            text(issue, "fields.duedate").map(value -> Timestamps.date("duedate", value)),
            status,
            text(issue, "fields.status.name"),
            Fields.requiredInstant(issue, "fields.created"),
            // resolutiondate is when the issue got its resolution, whichever (Done, Won't Do, …)
            status == ActionItemStatus.OPEN ? Optional.empty() : resolved,
            Optional.of(key),
            text(issue, "self").flatMap(self -> browseUrl(self, key)),
            text(issue, "fields.priority.name"),
            SOURCE),
        Fields.instant(issue, "fields.updated"));
  }

  /**
   * When a done issue has no {@code resolutiondate} (a workflow without resolutions), it was
   * completed when its changelog last moved its status to the current one: the latest history item
   * with {@code field} status whose {@code to} is {@code fields.status.id} (or whose {@code
   * toString} is the status name). Empty without a changelog or such an item.
   */
  static Optional<Instant> lastTransition(JsonNode issue) {
    Optional<String> statusId = text(issue, "fields.status.id");
    Optional<String> statusName = text(issue, "fields.status.name");
    JsonNode histories = Fields.at(issue, "changelog.histories");
    if (histories == null || !histories.isArray()) {
      return Optional.empty();
    }
    Optional<Instant> last = Optional.empty();
    for (JsonNode history : histories) {
      JsonNode items = history.get("items");
      if (items == null || !items.isArray()) {
        continue;
      }
      for (JsonNode item : items) {
        boolean status =
            "status".equals(text(item, "fieldId").or(() -> text(item, "field")).orElse(""));
        boolean toCurrent =
            statusId.isPresent() && statusId.equals(text(item, "to"))
                || statusName.isPresent() && statusName.equals(text(item, "toString"));
        if (status && toCurrent) {
          Optional<Instant> at = Fields.instant(history, "created");
          if (at.isPresent() && (last.isEmpty() || at.get().isAfter(last.get()))) {
            last = at;
          }
        }
      }
    }
    return last;
  }

  /**
   * The first label or issue-link key that matches the reference pattern, as Jira's own key for
   * that incident ({@code jira:ref:<number>}); the transform maps it to the incident.
   */
  private static Optional<String> link(List<String> references, IngestContext context) {
    for (String reference : references) {
      Optional<Long> number = context.referenceNumber(reference);
      if (number.isPresent()) {
        return Optional.of(IngestContext.referenceKey(SOURCE, number.get()));
      }
    }
    return Optional.empty();
  }

  private void readCsv(Input input, IngestContext context, RecordSink sink) {
    try (CsvReader csv = CsvReader.open(input)) {
      List<String> header = csv.readHeader(input, sink);
      if (header == null) {
        return;
      }
      Map<String, List<Integer>> columns = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        columns
            .computeIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(i);
      }
      if (!columns.containsKey("issue key")) {
        sink.reject(
            "line 1",
            IngestErrorCode.MISSING_FIELD,
            "Cannot parse " + input.name() + ": no 'Issue key' column",
            String.join(",", header));
        return;
      }
      List<String> row;
      while (true) {
        try {
          row = csv.readRecord();
        } catch (IOException e) {
          sink.read();
          sink.reject(
              "line " + csv.recordLine(),
              IngestErrorCode.TRUNCATED,
              "Cannot parse " + input.name() + ": " + e.getMessage(),
              "");
          return;
        }
        if (row == null) {
          return;
        }
        if (row.size() == 1 && row.get(0).isBlank()) {
          continue;
        }
        sink.read();
        String position = "line " + csv.recordLine();
        try {
          csvRow(row, columns, context, sink);
        } catch (RecordException e) {
          sink.reject(position, e.code(), e.getMessage(), String.join(",", row));
        }
      }
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_CSV,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
    } catch (dev.incidents.ingest.input.UnsafeInputException e) {
      sink.reject("/", e.code(), e.getMessage(), "");
    }
  }

  private static Optional<String> cell(
      List<String> row, Map<String, List<Integer>> columns, String name) {
    for (int index : columns.getOrDefault(name, List.of())) {
      if (index < row.size() && !row.get(index).isBlank()) {
        return Optional.of(row.get(index).trim());
      }
    }
    return Optional.empty();
  }

  private static List<String> cells(
      List<String> row, Map<String, List<Integer>> columns, String name) {
    List<String> values = new ArrayList<>();
    for (int index : columns.getOrDefault(name, List.of())) {
      if (index < row.size() && !row.get(index).isBlank()) {
        values.add(row.get(index).trim());
      }
    }
    return values;
  }

  private static Instant csvInstant(String field, String value, IngestContext context) {
    try {
      return LocalDateTime.parse(value, context.jiraCsvDates())
          .atZone(context.sourceZone())
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new RecordException(
          IngestErrorCode.BAD_TIMESTAMP,
          "Invalid "
              + field
              + ": '"
              + value
              + "' does not match the configured Jira date format (ingest.jira-date-format)");
    }
  }

  private static void csvRow(
      List<String> row,
      Map<String, List<Integer>> columns,
      IngestContext context,
      RecordSink sink) {
    String key =
        cell(row, columns, "issue key")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field Issue key"));
    String created =
        cell(row, columns, "created")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field Created"));
    Optional<String> resolution = cell(row, columns, "resolution");
    String category = cell(row, columns, "status category").orElse("").toLowerCase(Locale.ROOT);
    ActionItemStatus status =
        resolution.filter(JiraReader::wontDo).isPresent()
            ? ActionItemStatus.WONT_DO
            : category.equals("done") || resolution.isPresent()
                ? ActionItemStatus.DONE
                : ActionItemStatus.OPEN;
    List<String> references = new ArrayList<>(cells(row, columns, "labels"));
    for (Map.Entry<String, List<Integer>> column : columns.entrySet()) {
      if (column.getKey().contains("issue link")) {
        references.addAll(cells(row, columns, column.getKey()));
      }
    }
    Optional<LocalDate> due =
        cell(row, columns, "due date")
            .map(
                value -> {
                  try {
                    return LocalDateTime.parse(value, context.jiraCsvDates()).toLocalDate();
                  } catch (DateTimeParseException e) {
                    return Timestamps.date("Due date", value);
                  }
                });
    Optional<Instant> resolved =
        cell(row, columns, "resolved").map(value -> csvInstant("Resolved", value, context));
    sink.actionItem(
        new ActionItem(
            Ids.of(SOURCE, "issue", key),
            link(references, context),
            context.clean(cell(row, columns, "summary").orElse(key)),
            cell(row, columns, "assignee"),
            due,
            status,
            cell(row, columns, "status"),
            csvInstant("Created", created, context),
            status == ActionItemStatus.OPEN ? Optional.empty() : resolved,
            Optional.of(key),
            Optional.empty(),
            cell(row, columns, "priority"),
            SOURCE));
  }
}
