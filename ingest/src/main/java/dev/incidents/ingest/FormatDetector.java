package dev.incidents.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.incidents.ingest.input.Input;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Detects a file's format from its content, never from its name: the top-level keys of a JSON
 * document and the keys of the first record, the first line of JSON Lines, the header of a CSV, the
 * front matter of Markdown.
 */
public final class FormatDetector {
  private static final int SNIFF_BYTES = 256 * 1024;

  /** The fields under which single-object GET responses wrap their record. */
  private static final Set<String> WRAPPERS =
      Set.of("incident", "alert", "log_entry", "data", "note", "issue");

  private FormatDetector() {}

  /**
   * Whether a file of no source's format is known not to be an export (the generator's {@code
   * truth.json}): listed as skipped, not quarantined as {@code UNKNOWN_FORMAT}.
   */
  public static boolean notAnExport(Input input) {
    try (InputStream stream = input.open()) {
      Set<String> top = sniffJson(stream.readNBytes(SNIFF_BYTES)).topKeys();
      return top.contains("generator") && top.contains("seed");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** What a sniff saw. */
  record Shape(Set<String> topKeys, Set<String> recordKeys, String arrayField, String firstText) {}

  public static Optional<Format> detect(Input input) throws IOException {
    byte[] head;
    try (InputStream stream = input.open()) {
      head = stream.readNBytes(SNIFF_BYTES);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("---")) {
      return trimmed.matches("(?s)---\\s*\\n.*?\\bincident\\s*:.*")
          ? Optional.of(Format.POSTMORTEMS)
          : Optional.empty();
    }
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      String firstLine = trimmed.lines().findFirst().orElse("");
      Shape shape = sniffJson(head);
      Optional<Format> json = fromShape(shape);
      if (json.isPresent()) {
        return json;
      }
      if (firstLine.startsWith("{") && firstLine.endsWith("}")) {
        Shape lineShape = sniffJson(firstLine.getBytes(StandardCharsets.UTF_8));
        if (lineShape.topKeys().contains("type") && firstLine.contains("\"version\"")) {
          return Optional.of(Format.MATTERMOST);
        }
        return fromShape(lineShape).or(() -> canonical(lineShape.topKeys()));
      }
      return Optional.empty();
    }
    String header = trimmed.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
    if (header.contains("issue key") && header.contains("summary")) {
      return Optional.of(Format.JIRA);
    }
    if (header.contains(",")) {
      Set<String> columns = new HashSet<>();
      for (String column : header.split(",")) {
        columns.add(column.trim().replace("\"", ""));
      }
      return canonical(columns);
    }
    return Optional.empty();
  }

  private static Optional<Format> canonical(Set<String> keys) {
    return CanonicalTables.match(keys).isPresent()
        ? Optional.of(Format.CANONICAL)
        : Optional.empty();
  }

  static Optional<Format> fromShape(Shape shape) {
    Set<String> top = shape.topKeys();
    Set<String> record = shape.recordKeys();
    if (top.contains("generator") && top.contains("seed")) {
      return Optional.empty(); // the generator's truth.json: not an export
    }
    // incidents receive's spool segment (issue 18): the first line's keys spool, endpoint, body.
    if (top.contains("spool") && top.contains("endpoint") && top.contains("body")) {
      return Optional.of(Format.SPOOL);
    }
    if (top.contains("version")
        && top.contains("alerts")
        && (top.contains("orgId") || top.contains("state"))) {
      return Optional.of(Format.GRAFANA);
    }
    // Grafana's legacy (pre-8) alerting webhook: recognised, then refused by its reader with a
    // quarantine row naming the version (it carries no times).
    if (!top.contains("alerts")
        && top.contains("ruleName")
        && top.contains("state")
        && (top.contains("evalMatches") || top.contains("ruleId"))) {
      return Optional.of(Format.GRAFANA);
    }
    if (top.contains("alerts")
        && (top.contains("groupLabels")
            || top.contains("commonLabels")
            || top.contains("receiver"))) {
      return Optional.of(Format.ALERTMANAGER);
    }
    if (top.contains("page") && (top.contains("incident") || top.contains("incidents"))) {
      return Optional.of(Format.STATUSPAGE);
    }
    if (top.contains("action")
        && top.contains("alert")
        && (top.contains("integrationId")
            || top.contains("integrationName")
            || top.contains("source"))) {
      return Optional.of(Format.OPSGENIE);
    }
    if (top.contains("data") && top.contains("requestId")) {
      return Optional.of(Format.OPSGENIE);
    }
    if (record.contains("tinyId") && record.contains("alias")) {
      return Optional.of(Format.OPSGENIE);
    }
    // Jira search pages: /rest/api/2|3/search (startAt, maxResults, total) and Jira Cloud's
    // /rest/api/3/search/jql (nextPageToken, isLast; no startAt or maxResults).
    if (top.contains("issues")
        && (top.contains("startAt")
            || top.contains("maxResults")
            || top.contains("nextPageToken")
            || top.contains("isLast"))) {
      return Optional.of(Format.JIRA);
    }
    if (record.contains("incident_timestamp_values")
        || record.contains("incident_status")
        || record.contains("new_incident_status")
        || record.contains("alert_source_id")) {
      return Optional.of(Format.INCIDENTIO);
    }
    if (top.contains("pagination_meta")
        || (record.contains("incident_id")
            && record.contains("status")
            && record.contains("title")
            && !record.contains("fields"))) {
      return Optional.of(Format.INCIDENTIO);
    }
    // incident.io's own list names, recognised even when the page is empty ({"follow_ups": []}),
    // and its configuration lists and actions, enveloped or bare (read and counted as ignored).
    if (top.contains("follow_ups")
        || top.contains("incident_updates")
        || top.stream()
            .anyMatch(
                field ->
                    dev.incidents.ingest.incidentio.IncidentIoReader.UNMAPPED.containsKey(field)
                        && !field.equals("actions"))
        || dev.incidents.ingest.incidentio.IncidentIoReader.unmappedKind(record).isPresent()) {
      return Optional.of(Format.INCIDENTIO);
    }
    // incident.io API v1 incidents carry a reference and a status string, no incident_status.
    if (record.contains("reference")
        && record.contains("name")
        && (record.contains("incident_role_assignments") || record.contains("slack_channel_id"))) {
      return Optional.of(Format.INCIDENTIO);
    }
    // PagerDuty list pages (limit, offset, more, total), recognised even when empty, and its
    // single-object GET responses {"incident":{…}}, {"alert":{…}}, {"log_entry":{…}}.
    boolean pagerDutyPage = top.contains("more") || top.contains("limit") || top.contains("offset");
    if ((top.contains("incidents") || top.contains("alerts") || top.contains("notes"))
            && pagerDutyPage
        || top.contains("incident") && record.contains("incident_number")
        || top.contains("log_entry")
        || top.contains("alert") && record.contains("alert_key")) {
      return Optional.of(Format.PAGERDUTY);
    }
    if (top.contains("log_entries")
        || top.contains("notes") && record.contains("content") && record.contains("user")
        || top.contains("incidents") && record.contains("incident_number")
        || record.contains("seconds_to_resolve")
        || (top.contains("alerts") && record.contains("alert_key"))
        || record.contains("first_trigger_log_entry")) {
      return Optional.of(Format.PAGERDUTY);
    }
    if (record.contains("createdDateTime")
        || record.contains("CreatedDateTime")
        || (record.contains("userPrincipalName") || record.contains("UserPrincipalName"))
            && (record.contains("displayName") || record.contains("DisplayName"))) {
      return Optional.of(Format.TEAMS);
    }
    return Optional.empty();
  }

  /**
   * Top-level keys, and the keys of the first element of the first array (or of the root array).
   */
  static Shape sniffJson(byte[] head) {
    Set<String> top = new HashSet<>();
    Set<String> record = new HashSet<>();
    String arrayField = null;
    try (JsonParser parser = dev.incidents.ingest.json.JsonRecords.FACTORY.createParser(head)) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_ARRAY) {
        if (parser.nextToken() == JsonToken.START_OBJECT) {
          readKeys(parser, record);
        }
        return new Shape(top, record, "", "");
      }
      if (token != JsonToken.START_OBJECT) {
        return new Shape(top, record, null, "");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        top.add(field);
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY && arrayField == null) {
          arrayField = field;
          if (parser.nextToken() == JsonToken.START_OBJECT) {
            readKeys(parser, record);
            // skip the rest of the array
            int depth = 1;
            while (depth > 0) {
              JsonToken next = parser.nextToken();
              if (next == null) {
                break;
              }
              if (next.isStructStart()) {
                depth++;
              } else if (next.isStructEnd()) {
                depth--;
              }
            }
          } else if (parser.currentToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            skipToArrayEnd(parser);
          }
        } else if (value == JsonToken.START_OBJECT
            && arrayField == null
            && record.isEmpty()
            && WRAPPERS.contains(field)) {
          // a single-object GET response: the wrapped object's keys are the record's
          readKeys(parser, record);
        } else if (value.isStructStart()) {
          parser.skipChildren();
        }
      }
    } catch (IOException truncatedHead) {
      // the sniff buffer ends mid-document: the keys seen so far decide
    }
    return new Shape(top, record, arrayField, "");
  }

  private static void skipToArrayEnd(JsonParser parser) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
      if (token.isStructStart()) {
        parser.skipChildren();
      }
    }
  }

  private static void readKeys(JsonParser parser, Set<String> keys) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      keys.add(parser.currentName());
      JsonToken value = parser.nextToken();
      if (value.isStructStart()) {
        parser.skipChildren();
      }
    }
  }
}
