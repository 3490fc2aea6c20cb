package dev.incidents.drafter;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.model.EventKind;
import dev.incidents.core.schema.LakeTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The drafter's read model of one incident, and the only class of the drafter that speaks SQL to
 * the lake: its facts, its events, pages, linked alerts, chat and action items, as typed records.
 * Every query of the drafter lives here so that the lake can be rewired (linking in the transform)
 * in one place.
 */
public record IncidentTimeline(
    Facts facts,
    List<Event> events,
    List<PageRecord> pages,
    List<AlertRecord> alerts,
    List<ChatRecord> chat,
    List<ActionItem> actionItems,
    Map<String, String> peopleByEmail) {
  public IncidentTimeline {
    requireNonNull(facts, "facts is null");
    events = List.copyOf(events);
    pages = List.copyOf(pages);
    alerts = List.copyOf(alerts);
    chat = List.copyOf(chat);
    actionItems = List.copyOf(actionItems);
    peopleByEmail = Map.copyOf(peopleByEmail);
  }

  /** How incident_facts obtained a milestone: its {@code <milestone>_source} column, verbatim. */
  public record Milestone(String name, Optional<Instant> at, String source) {
    public Milestone {
      requireNonNull(name, "name is null");
      requireNonNull(at, "at is null");
      requireNonNull(source, "source is null");
    }

    public boolean explicit() {
      return source.equals("explicit");
    }
  }

  /** The five phases of incident_facts, each with the milestone that ends it. */
  public enum Phase {
    DETECT("detect", "reported"),
    ASSEMBLE("assemble", "assembled"),
    TROUBLESHOOT("troubleshoot", "identified"),
    MITIGATE("mitigate", "mitigated"),
    CLEANUP("cleanup", "resolved");

    private final String label;
    private final String endMilestone;

    Phase(String label, String endMilestone) {
      this.label = label;
      this.endMilestone = endMilestone;
    }

    public String label() {
      return label;
    }

    public String endMilestone() {
      return endMilestone;
    }
  }

  /** One row of incident_facts (with the incident's summary, link and channel). */
  public record Facts(
      String incidentId,
      String reference,
      String title,
      Optional<String> summary,
      String severity,
      Optional<String> incidentType,
      List<String> services,
      List<String> teams,
      String status,
      boolean counted,
      Optional<String> exclusionReason,
      Optional<String> lead,
      long linkedAlerts,
      Map<String, Milestone> milestones,
      Instant effectiveStart,
      boolean milestonesReordered,
      int imputedPhases,
      Optional<Long> timeToDetect,
      Optional<Long> timeToAcknowledge,
      Optional<Long> timeToMitigate,
      Optional<Long> timeToResolve,
      Map<Phase, Optional<Long>> phases,
      Optional<String> postmortemUrl,
      Optional<String> chatChannelName) {
    public Facts {
      requireNonNull(incidentId, "incidentId is null");
      requireNonNull(reference, "reference is null");
      requireNonNull(title, "title is null");
      services = List.copyOf(services);
      teams = List.copyOf(teams);
      milestones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(milestones));
      phases = java.util.Collections.unmodifiableMap(new EnumMap<>(phases));
      for (String name : LakeTables.MILESTONES) {
        if (!milestones.containsKey(name)) {
          throw new IllegalArgumentException("Milestone missing from the facts: " + name);
        }
      }
    }

    public Milestone milestone(String name) {
      Milestone milestone = milestones.get(name);
      if (milestone == null) {
        throw new IllegalArgumentException("Unknown milestone: " + name);
      }
      return milestone;
    }

    public Optional<Instant> at(String milestone) {
      return milestone(milestone).at();
    }

    public Optional<Long> phase(Phase phase) {
      return phases.get(phase);
    }
  }

  /** One row of timeline_events. */
  public record Event(
      String eventId,
      Instant at,
      EventKind kind,
      String source,
      Optional<String> actor,
      Optional<String> text,
      Optional<String> originId,
      Map<String, String> attributes) {
    public Event {
      requireNonNull(eventId, "eventId is null");
      requireNonNull(at, "at is null");
      requireNonNull(kind, "kind is null");
      attributes = Map.copyOf(attributes);
    }

    public Optional<String> attribute(String name) {
      return Optional.ofNullable(attributes.get(name));
    }
  }

  /** One notification to a human (pages table). */
  public record PageRecord(
      String pageId,
      Instant pagedAt,
      String responder,
      String channel,
      Optional<Instant> acknowledgedAt,
      Optional<Integer> escalationLevel) {}

  /** One alert linked to the incident, explicitly or by correlation ({@code link} says which). */
  public record AlertRecord(
      String alertId, Instant firedAt, String rule, String service, String link) {}

  /** One chat message of the incident's channel. */
  public record ChatRecord(
      String messageId,
      Instant postedAt,
      Optional<String> authorId,
      Optional<String> authorName,
      boolean bot,
      Optional<String> subtype,
      String text,
      Optional<String> threadId,
      int replyCount,
      List<String> reactions,
      boolean pinned) {
    public ChatRecord {
      requireNonNull(messageId, "messageId is null");
      requireNonNull(postedAt, "postedAt is null");
      requireNonNull(text, "text is null");
      reactions = List.copyOf(reactions);
    }
  }

  /** One follow-up of the incident. */
  public record ActionItem(
      String actionItemId,
      String title,
      Optional<String> owner,
      Optional<LocalDate> dueDate,
      String status,
      Optional<String> trackerKey) {}

  /** An incident that may be compared with the drafted one (for similar incidents). */
  public record Candidate(
      String incidentId,
      String reference,
      String title,
      Optional<String> summary,
      Optional<String> incidentType,
      List<String> services,
      Set<String> rules,
      Instant reportedAt,
      Optional<Long> timeToResolve,
      Optional<String> postmortemUrl) {}

  /** A cached embedding: the hash of the embedded text and the vector. */
  public record CachedEmbedding(String incidentId, String textHash, String vector) {}

  /** Names that must never be redacted: services, teams and alert rules known to the lake. */
  public record ProtectedNames(Set<String> names) {
    public ProtectedNames {
      names = Set.copyOf(names);
    }

    public boolean contains(String candidate) {
      return names.contains(candidate.toLowerCase(Locale.ROOT));
    }
  }

  public String id() {
    return facts.incidentId();
  }

  public String reference() {
    return facts.reference();
  }

  /** The display name of a person given by email, or the value itself. */
  public String person(String value) {
    if (value == null) {
      return null;
    }
    return peopleByEmail.getOrDefault(value.toLowerCase(Locale.ROOT), value);
  }

  /** Finds an incident by reference ({@code INC-101}), number or id. */
  public static Optional<String> resolve(Connection connection, String incident)
      throws SQLException {
    String trimmed = incident.trim();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT incident_id FROM incident_facts WHERE incident_id = ? OR upper(reference) = upper(?) OR CAST(incident_number AS VARCHAR) = ? ORDER BY incident_id LIMIT 1")) {
      bind(statement, trimmed, trimmed, trimmed.replaceFirst("(?i)^inc-", ""));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
      }
    }
  }

  /** Everything the lake knows about one incident. */
  public static IncidentTimeline load(Connection connection, String incidentId)
      throws SQLException {
    Facts facts = facts(connection, incidentId);
    // Every tool keeps its own rows: the canonical incident's events, pages and chat are those
    // whose source key incident_links maps to it (an older lake, transformed before the links
    // existed, keyed them by the incident itself).
    boolean linked = relationExists(connection, "incident_links");
    String byIncident =
        linked
            ? " JOIN incident_links l ON l.source_key = x.incident_id WHERE l.incident_id = ?"
            : " WHERE x.incident_id = ?";
    List<Event> events = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT x.event_id, x.occurred_at, x.kind, x.source, x.actor, x.text, x.origin_id, map_keys(x.attributes) AS names, map_values(x.attributes) AS vals"
                + " FROM timeline_events x"
                + byIncident
                + " ORDER BY x.occurred_at, x.event_id")) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Map<String, String> attributes = new LinkedHashMap<>();
          List<String> names = strings(row.getArray("names"));
          List<String> values = strings(row.getArray("vals"));
          for (int i = 0; i < names.size(); i++) {
            attributes.put(names.get(i), values.get(i));
          }
          events.add(
              new Event(
                  row.getString("event_id"),
                  instant(row.getObject("occurred_at")),
                  EventKind.fromValue(row.getString("kind")),
                  row.getString("source"),
                  Optional.ofNullable(row.getString("actor")),
                  Optional.ofNullable(row.getString("text")),
                  Optional.ofNullable(row.getString("origin_id")),
                  attributes));
        }
      }
    }
    List<PageRecord> pages = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT page_id, paged_at, responder, channel, acknowledged_at, escalation_level FROM pages x"
                + byIncident
                + " ORDER BY paged_at, page_id")) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Object level = row.getObject("escalation_level");
          pages.add(
              new PageRecord(
                  row.getString("page_id"),
                  instant(row.getObject("paged_at")),
                  row.getString("responder"),
                  row.getString("channel"),
                  optionalInstant(row.getObject("acknowledged_at")),
                  level == null ? Optional.empty() : Optional.of(((Number) level).intValue())));
        }
      }
    }
    List<AlertRecord> alerts = new ArrayList<>();
    // Alerts linked by correlation live in the derived alert_links table once the transform
    // stores it; until then only the explicit link (alerts.incident_id) is available here.
    String alertSql =
        relationExists(connection, "alert_links")
            ? "SELECT alert_id, fired_at, rule, service, link FROM alert_links WHERE incident_id = ? ORDER BY fired_at, alert_id"
            : "SELECT alert_id, fired_at, rule, service, 'explicit' AS link FROM alerts WHERE incident_id = ? ORDER BY fired_at, alert_id";
    try (PreparedStatement statement = connection.prepareStatement(alertSql)) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          alerts.add(
              new AlertRecord(
                  row.getString("alert_id"),
                  instant(row.getObject("fired_at")),
                  Optional.ofNullable(row.getString("rule")).orElse("unnamed rule"),
                  Optional.ofNullable(row.getString("service")).orElse("unknown service"),
                  row.getString("link")));
        }
      }
    }
    Set<String> chatColumns = columns(connection, "chat_messages");
    // Reactions and pins are read when ingest stores them (optional columns); see docs/drafts.md.
    String reactions =
        chatColumns.contains("reactions") ? "reactions" : "CAST(NULL AS VARCHAR[]) AS reactions";
    String pinned = chatColumns.contains("pinned") ? "pinned" : "false AS pinned";
    List<ChatRecord> chat = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT message_id, posted_at, author_id, author_name, is_bot, subtype, text, thread_id, reply_count, "
                + reactions
                + ", "
                + pinned
                + " FROM chat_messages x"
                + byIncident
                + " ORDER BY posted_at, message_id")) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Object replies = row.getObject("reply_count");
          chat.add(
              new ChatRecord(
                  row.getString("message_id"),
                  instant(row.getObject("posted_at")),
                  Optional.ofNullable(row.getString("author_id")),
                  Optional.ofNullable(row.getString("author_name")),
                  row.getBoolean("is_bot"),
                  Optional.ofNullable(row.getString("subtype")),
                  Optional.ofNullable(row.getString("text")).orElse(""),
                  Optional.ofNullable(row.getString("thread_id")),
                  replies == null ? 0 : ((Number) replies).intValue(),
                  strings(row.getArray("reactions")),
                  Boolean.TRUE.equals(row.getObject("pinned"))));
        }
      }
    }
    List<ActionItem> items = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            linked
                ? "SELECT f.action_item_id, f.title, f.owner, f.due_date, f.status, i.tracker_key FROM action_item_facts f"
                    + " JOIN action_items i ON i.action_item_id = f.action_item_id WHERE f.incident_id = ? ORDER BY f.created_at, f.action_item_id"
                : "SELECT action_item_id, title, owner, due_date, status, tracker_key FROM action_items WHERE incident_id = ? ORDER BY created_at, action_item_id")) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          java.sql.Date due = row.getDate("due_date");
          items.add(
              new ActionItem(
                  row.getString("action_item_id"),
                  row.getString("title"),
                  Optional.ofNullable(row.getString("owner")).filter(s -> !s.isBlank()),
                  due == null ? Optional.empty() : Optional.of(due.toLocalDate()),
                  row.getString("status"),
                  Optional.ofNullable(row.getString("tracker_key"))));
        }
      }
    }
    Map<String, String> people = new LinkedHashMap<>();
    try (PreparedStatement statement =
            connection.prepareStatement(
                linked
                    ? "SELECT lower(email) AS email, display_name AS name FROM person_identities WHERE email IS NOT NULL ORDER BY canonical_person_id, person_id"
                    : "SELECT lower(email) AS email, name FROM people WHERE email IS NOT NULL ORDER BY person_id");
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        people.putIfAbsent(row.getString("email"), row.getString("name"));
      }
    }
    return new IncidentTimeline(facts, events, pages, alerts, chat, items, people);
  }

  private static Facts facts(Connection connection, String incidentId) throws SQLException {
    StringBuilder milestones = new StringBuilder();
    for (String milestone : LakeTables.MILESTONES) {
      milestones
          .append(", f.")
          .append(milestone)
          .append("_at, f.")
          .append(milestone)
          .append("_source");
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT f.incident_id, f.reference, f.title, i.summary, f.severity, f.incident_type, f.services, f.teams, f.status, f.counted, f.exclusion_reason, f.lead, f.linked_alerts,"
                + " f.effective_start_at, f.milestones_reordered, f.imputed_phases, f.time_to_detect_s, f.time_to_acknowledge_s, f.time_to_mitigate_s, f.time_to_resolve_s,"
                + " f.phase_detect_s, f.phase_assemble_s, f.phase_troubleshoot_s, f.phase_mitigate_s, f.phase_cleanup_s, i.postmortem_url, i.chat_channel_name"
                + milestones
                + " FROM incident_facts f LEFT JOIN incidents i USING (incident_id) WHERE f.incident_id = ?")) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new IllegalArgumentException("No incident_facts row for " + incidentId);
        }
        Map<String, Milestone> points = new LinkedHashMap<>();
        for (String milestone : LakeTables.MILESTONES) {
          points.put(
              milestone,
              new Milestone(
                  milestone,
                  optionalInstant(row.getObject(milestone + "_at")),
                  Optional.ofNullable(row.getString(milestone + "_source")).orElse("missing")));
        }
        Map<Phase, Optional<Long>> phases = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
          phases.put(phase, seconds(row, "phase_" + phase.label() + "_s"));
        }
        String reference = row.getString("reference");
        return new Facts(
            row.getString("incident_id"),
            reference == null ? row.getString("incident_id") : reference,
            row.getString("title"),
            Optional.ofNullable(row.getString("summary")),
            row.getString("severity"),
            Optional.ofNullable(row.getString("incident_type")),
            strings(row.getArray("services")),
            strings(row.getArray("teams")),
            row.getString("status"),
            row.getBoolean("counted"),
            Optional.ofNullable(row.getString("exclusion_reason")),
            Optional.ofNullable(row.getString("lead")),
            row.getLong("linked_alerts"),
            points,
            instant(row.getObject("effective_start_at")),
            row.getBoolean("milestones_reordered"),
            row.getInt("imputed_phases"),
            seconds(row, "time_to_detect_s"),
            seconds(row, "time_to_acknowledge_s"),
            seconds(row, "time_to_mitigate_s"),
            seconds(row, "time_to_resolve_s"),
            phases,
            Optional.ofNullable(row.getString("postmortem_url")),
            Optional.ofNullable(row.getString("chat_channel_name")));
      }
    }
  }

  /** Counted incidents resolved since {@code since} with no published post-mortem. */
  public static List<String> resolvedSince(Connection connection, Instant since)
      throws SQLException {
    List<String> references = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT coalesce(reference, incident_id) AS reference FROM incident_facts WHERE counted AND resolved_at >= ? AND postmortem_published_at IS NULL ORDER BY resolved_at")) {
      bind(statement, Timestamp.from(since));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          references.add(row.getString(1));
        }
      }
    }
    return references;
  }

  /** Every counted incident (and the drafted one), with what similarity compares. */
  public static List<Candidate> candidates(Connection connection, String incidentId)
      throws SQLException {
    Map<String, Set<String>> rules = new LinkedHashMap<>();
    String alertSource = relationExists(connection, "alert_links") ? "alert_links" : "alerts";
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT DISTINCT incident_id, rule FROM "
                    + alertSource
                    + " WHERE incident_id IS NOT NULL AND rule IS NOT NULL ORDER BY incident_id, rule");
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        rules.computeIfAbsent(row.getString(1), id -> new LinkedHashSet<>()).add(row.getString(2));
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT f.incident_id, f.reference, f.title, i.summary, f.incident_type, f.services, f.reported_at, f.time_to_resolve_s, i.postmortem_url"
                + " FROM incident_facts f LEFT JOIN incidents i USING (incident_id) WHERE f.counted OR f.incident_id = ? ORDER BY f.incident_id")) {
      bind(statement, incidentId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          String id = row.getString("incident_id");
          String reference = row.getString("reference");
          candidates.add(
              new Candidate(
                  id,
                  reference == null ? id : reference,
                  row.getString("title"),
                  Optional.ofNullable(row.getString("summary")),
                  Optional.ofNullable(row.getString("incident_type")),
                  strings(row.getArray("services")),
                  rules.getOrDefault(id, Set.of()),
                  instant(row.getObject("reported_at")),
                  seconds(row, "time_to_resolve_s"),
                  Optional.ofNullable(row.getString("postmortem_url"))));
        }
      }
    }
    return candidates;
  }

  /** The embeddings cached for one model. */
  public static Map<String, CachedEmbedding> cachedEmbeddings(Connection connection, String model)
      throws SQLException {
    Map<String, CachedEmbedding> cached = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT incident_id, text_hash, vector FROM incident_embeddings WHERE model = ?")) {
      bind(statement, model);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          cached.put(
              row.getString(1),
              new CachedEmbedding(row.getString(1), row.getString(2), row.getString(3)));
        }
      }
    }
    return cached;
  }

  /**
   * Every person the lake knows, with every name they go by in any source: people (name and email),
   * chat authors, event actors and role assignees, page responders, action-item owners and leads
   * (Slack, PagerDuty, incident.io, Jira, Opsgenie and the rest all land in these tables), and the
   * derived person_identities table when the transform stores it.
   */
  public static List<LlmRedactor.Person> persons(Connection connection) throws SQLException {
    List<LlmRedactor.Person> persons = new ArrayList<>();
    try (var statement = connection.createStatement()) {
      try (ResultSet row =
          statement.executeQuery("SELECT name, email FROM people ORDER BY person_id")) {
        while (row.next()) {
          Set<String> forms = new LinkedHashSet<>();
          forms.add(row.getString(1));
          if (row.getString(2) != null) {
            forms.add(row.getString(2));
          }
          persons.add(new LlmRedactor.Person(row.getString(1), forms));
        }
      }
      List<String> queries =
          new ArrayList<>(
              List.of(
                  "SELECT DISTINCT author_name FROM chat_messages WHERE NOT is_bot",
                  "SELECT DISTINCT handle FROM people",
                  "SELECT DISTINCT actor FROM timeline_events",
                  "SELECT DISTINCT attributes['assignee'] FROM timeline_events",
                  "SELECT DISTINCT responder FROM pages",
                  "SELECT DISTINCT owner FROM action_items",
                  "SELECT DISTINCT lead FROM incident_facts"));
      if (relationExists(connection, "person_identities")) {
        Set<String> identityColumns = columns(connection, "person_identities");
        for (String column : List.of("name", "display_name", "real_name", "handle", "email")) {
          if (identityColumns.contains(column)) {
            queries.add("SELECT DISTINCT " + column + " FROM person_identities");
          }
        }
      }
      for (String query : queries) {
        try (ResultSet row = statement.executeQuery(query)) {
          while (row.next()) {
            String value = row.getString(1);
            if (value != null && !value.isBlank()) {
              persons.add(new LlmRedactor.Person(value.trim(), Set.of(value.trim())));
            }
          }
        }
      }
    }
    return persons;
  }

  /** Services, teams and alert rules the lake knows: never a person's name. */
  public static ProtectedNames protectedNames(Connection connection) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (var statement = connection.createStatement()) {
      for (String query :
          List.of(
              "SELECT service FROM services",
              "SELECT team FROM services",
              "SELECT team FROM people",
              "SELECT DISTINCT unnest(services) FROM incidents",
              "SELECT DISTINCT unnest(teams) FROM incidents",
              "SELECT DISTINCT service FROM alerts",
              "SELECT DISTINCT rule FROM alerts")) {
        try (ResultSet row = statement.executeQuery(query)) {
          while (row.next()) {
            String value = row.getString(1);
            if (value != null && !value.isBlank()) {
              names.add(value.trim().toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return new ProtectedNames(names);
  }

  static boolean relationExists(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
      bind(statement, name);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getLong(1) > 0;
      }
    }
  }

  static Set<String> columns(Connection connection, String table) throws SQLException {
    Set<String> columns = new LinkedHashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?")) {
      bind(statement, table);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          columns.add(row.getString(1));
        }
      }
    }
    return columns;
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static Optional<Long> seconds(ResultSet row, String column) throws SQLException {
    Object value = row.getObject(column);
    return value == null ? Optional.empty() : Optional.of(((Number) value).longValue());
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (Object item : (Object[]) array.getArray()) {
      items.add(item == null ? "" : item.toString());
    }
    return items;
  }

  static Instant instant(Object value) {
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalArgumentException("Not a timestamp: " + value);
  }

  private static Optional<Instant> optionalInstant(Object value) {
    return value == null ? Optional.empty() : Optional.of(instant(value));
  }
}
