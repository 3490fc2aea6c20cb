package dev.incidents.drafter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the lake knows about one incident: its facts, and a merged timeline of events, pages,
 * alerts and key chat messages, each entry carrying the id it can be cited by.
 */
public record IncidentTimeline(
    Map<String, Object> facts,
    List<Entry> entries,
    List<Map<String, Object>> actionItems,
    int chatMessages) {
  /** One cited line of the timeline. */
  public record Entry(Instant at, String kind, String actor, String text, String sourceId) {}

  /** Key chat messages are commands, updates and messages that talk about causes and fixes. */
  static final String KEY_MESSAGE =
      "(?i).*(rollback|roll back|rolled back|root cause|deploy|fix|found it|mitigat|restart|revert|flag|cause|resolved|recover).*";

  public String id() {
    return (String) facts.get("incident_id");
  }

  public String reference() {
    Object reference = facts.get("reference");
    return reference != null ? reference.toString() : id();
  }

  public Optional<Instant> instant(String column) {
    Object value = facts.get(column);
    if (value instanceof OffsetDateTime offset) {
      return Optional.of(offset.toInstant());
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return Optional.of(timestamp.toInstant());
    }
    return Optional.empty();
  }

  public Optional<Long> seconds(String column) {
    Object value = facts.get(column);
    return value == null ? Optional.empty() : Optional.of(((Number) value).longValue());
  }

  public String text(String column) {
    Object value = facts.get(column);
    return value == null
        ? null
        : value instanceof java.sql.Array array ? arrayText(array) : value.toString();
  }

  private static String arrayText(java.sql.Array array) {
    try {
      List<String> items = new ArrayList<>();
      for (Object item : (Object[]) array.getArray()) {
        items.add(String.valueOf(item));
      }
      return String.join(", ", items);
    } catch (SQLException e) {
      return "";
    }
  }

  /** Finds an incident by reference ({@code INC-101}), number or id. */
  public static Optional<String> resolve(Connection connection, String incident)
      throws SQLException {
    String trimmed = incident.trim();
    List<Map<String, Object>> rows =
        rows(
            connection,
            "SELECT incident_id FROM incident_facts WHERE incident_id = ? OR upper(reference) = upper(?) OR CAST(incident_number AS VARCHAR) = ? ORDER BY incident_id LIMIT 1",
            trimmed,
            trimmed,
            trimmed.replaceFirst("(?i)^inc-", ""));
    return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0).get("incident_id"));
  }

  public static IncidentTimeline load(Connection connection, String incidentId)
      throws SQLException {
    Map<String, Object> facts =
        rows(
                connection,
                "SELECT f.*, i.summary, i.postmortem_url, i.chat_channel_name FROM incident_facts f LEFT JOIN incidents i USING (incident_id) WHERE f.incident_id = ?",
                incidentId)
            .get(0);
    List<Entry> entries = new ArrayList<>();
    for (Map<String, Object> row :
        rows(
            connection,
            "SELECT event_id, occurred_at, kind, actor, text, attributes['role'] AS role, attributes['assignee'] AS assignee, attributes['status'] AS status, attributes['severity'] AS severity, attributes['current'] AS current_role"
                + " FROM timeline_events WHERE incident_id = ? AND kind <> 'command' ORDER BY occurred_at, event_id",
            incidentId)) {
      if ("true".equals(row.get("current_role"))) {
        continue;
      }
      entries.add(
          new Entry(
              instant(row.get("occurred_at")),
              (String) row.get("kind"),
              (String) row.get("actor"),
              describe(row),
              (String) row.get("event_id")));
    }
    for (Map<String, Object> row :
        rows(
            connection,
            "SELECT page_id, paged_at, responder, channel, acknowledged_at FROM pages WHERE incident_id = ? ORDER BY paged_at, page_id",
            incidentId)) {
      entries.add(
          new Entry(
              instant(row.get("paged_at")),
              "page",
              (String) row.get("responder"),
              "Paged " + row.get("responder") + " by " + row.get("channel"),
              (String) row.get("page_id")));
    }
    for (Map<String, Object> row :
        rows(
            connection,
            "SELECT alert_id, fired_at, rule, service FROM alerts WHERE incident_id = ? ORDER BY fired_at, alert_id LIMIT 50",
            incidentId)) {
      entries.add(
          new Entry(
              instant(row.get("fired_at")),
              "alert_fired",
              null,
              "Alert " + row.get("rule") + " fired on " + row.get("service"),
              (String) row.get("alert_id")));
    }
    int chat = 0;
    for (Map<String, Object> row :
        rows(
            connection,
            "SELECT message_id, posted_at, author_name, text, subtype FROM chat_messages WHERE incident_id = ? ORDER BY posted_at, message_id",
            incidentId)) {
      chat++;
      String text = (String) row.get("text");
      if (row.get("subtype") == null
          && text != null
          && !text.startsWith("/inc ")
          && text.matches(KEY_MESSAGE)
          && text.length() < 500) {
        entries.add(
            new Entry(
                instant(row.get("posted_at")),
                "chat",
                (String) row.get("author_name"),
                text,
                (String) row.get("message_id")));
      }
    }
    entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::sourceId));
    List<Map<String, Object>> items =
        rows(
            connection,
            "SELECT action_item_id, title, owner, CAST(due_date AS VARCHAR) AS due_date, status, tracker_key FROM action_items WHERE incident_id = ? ORDER BY created_at, action_item_id",
            incidentId);
    return new IncidentTimeline(facts, List.copyOf(entries), items, chat);
  }

  private static String describe(Map<String, Object> row) {
    String kind = (String) row.get("kind");
    String text = (String) row.get("text");
    return switch (kind) {
      case "role_assigned" -> "Role " + row.get("role") + " assigned to " + row.get("assignee");
      case "status_changed" -> "Status changed to " + row.get("status");
      case "severity_changed" -> "Severity set to " + row.get("severity");
      case "declared" -> "Incident declared" + (text == null ? "" : ": " + text);
      case "paged" -> "Paging started";
      case "acknowledged" ->
          "Page acknowledged" + (row.get("actor") == null ? "" : " by " + row.get("actor"));
      case "resolved" ->
          "Marked resolved" + (row.get("actor") == null ? "" : " by " + row.get("actor"));
      case "responder_joined" -> "Responder joined: " + row.get("actor");
      case "status_update" -> "Status update: " + text;
      case "milestone" -> "Milestone: " + (text == null ? "post-mortem published" : text);
      default -> kind.replace('_', ' ') + (text == null ? "" : ": " + text);
    };
  }

  static Instant instant(Object value) {
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalArgumentException("Not a timestamp: " + value);
  }

  static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), result.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }
}
