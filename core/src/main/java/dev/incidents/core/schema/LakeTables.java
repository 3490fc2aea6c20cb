package dev.incidents.core.schema;

import static dev.incidents.core.schema.ColumnType.BIGINT;
import static dev.incidents.core.schema.ColumnType.BOOLEAN;
import static dev.incidents.core.schema.ColumnType.DATE;
import static dev.incidents.core.schema.ColumnType.DOUBLE;
import static dev.incidents.core.schema.ColumnType.INT;
import static dev.incidents.core.schema.ColumnType.STRING;
import static dev.incidents.core.schema.ColumnType.STRING_ARRAY;
import static dev.incidents.core.schema.ColumnType.STRING_MAP;
import static dev.incidents.core.schema.ColumnType.TIMESTAMP;
import static dev.incidents.core.schema.TableSchema.TableKind.CANONICAL;
import static dev.incidents.core.schema.TableSchema.TableKind.DERIVED;

import java.util.List;
import java.util.Optional;

/**
 * Every lake table, canonical and derived, defined once. Table and column names are the public
 * interface (docs/data.md, docs/metrics.md): add columns freely, never rename them.
 */
public final class LakeTables {
  private LakeTables() {}

  /** The milestones of incident_facts (docs/metrics.md), in timeline order. */
  public static final List<String> MILESTONES =
      List.of(
          "impact_started",
          "detected",
          "reported",
          "paged",
          "acknowledged",
          "assembled",
          "identified",
          "mitigated",
          "resolved",
          "closed",
          "postmortem_published");

  /** The durations of incident_facts (docs/metrics.md) that monthly_metrics aggregates. */
  public static final List<String> DURATION_METRICS =
      List.of(
          "time_to_detect",
          "time_to_acknowledge",
          "time_to_mitigate",
          "time_to_resolve",
          "phase_detect",
          "phase_assemble",
          "phase_troubleshoot",
          "phase_mitigate",
          "phase_cleanup");

  public static final TableSchema INCIDENTS =
      new TableBuilder(
              "incidents", CANONICAL, "One row per incident, as the incident tool recorded it.")
          .key("incident_id")
          .partitionBy("reported_at")
          .required("incident_id", STRING, "Deterministic id <source>:incident:<key>.")
          .required("source", STRING, "The tool the incident came from.")
          .required("external_id", STRING, "The tool's own id, kept as a string.")
          .optional("reference", STRING, "Human reference such as INC-123.")
          .optional("incident_number", BIGINT, "Numeric part of the reference.")
          .required("title", STRING, "Incident name.")
          .optional("summary", STRING, "Summary text.")
          .required("severity", STRING, "SEV1..SEV4 or UNKNOWN.")
          .optional("original_severity", STRING, "The tool's own severity value.")
          .optional("incident_type", STRING, "Incident type name.")
          .required("mode", STRING, "real, test, game_day, tutorial or retrospective.")
          .required(
              "status",
              STRING,
              "triage, active, resolved, closed, declined, merged, canceled or duplicate.")
          .optional("original_status", STRING, "The tool's own status value.")
          .optional("services", STRING_ARRAY, "Affected services.")
          .optional("teams", STRING_ARRAY, "Owning or responding teams.")
          .optional("chat_channel_id", STRING, "Incident chat channel id.")
          .optional("chat_channel_name", STRING, "Incident chat channel name.")
          .optional("postmortem_url", STRING, "Post-mortem document link.")
          .optional("postmortem_status", STRING, "Post-mortem status as recorded.")
          .optional("impact_started_at", TIMESTAMP, "Explicit impact start.")
          .optional("detected_at", TIMESTAMP, "Explicit detection time.")
          .required("reported_at", TIMESTAMP, "Declared or created in the incident tool.")
          .optional("identified_at", TIMESTAMP, "Explicit identified time.")
          .optional("mitigated_at", TIMESTAMP, "Explicit mitigated/fixed/monitoring time.")
          .optional("resolved_at", TIMESTAMP, "Last transition to resolved.")
          .optional("closed_at", TIMESTAMP, "Closed time.")
          .optional("postmortem_published_at", TIMESTAMP, "Post-mortem published time.")
          .required("source_file", STRING, "The export file the row came from.")
          .optional(
              "source_updated_at",
              TIMESTAMP,
              "The source's last update of the record; of two versions the later wins.")
          .build();

  public static final TableSchema TIMELINE_EVENTS =
      new TableBuilder("timeline_events", CANONICAL, "Every dated event of every incident.")
          .key("event_id")
          .partitionBy("occurred_at")
          .required("event_id", STRING, "Deterministic event id.")
          .optional(
              "incident_id",
              STRING,
              "The source's own incident key; the canonical incident is in incident_links.")
          .required("occurred_at", TIMESTAMP, "When it happened.")
          .required("kind", STRING, "Event kind (docs/data.md).")
          .optional("actor", STRING, "Who did it.")
          .optional("text", STRING, "Free text, secrets redacted.")
          .required("source", STRING, "The tool the event came from.")
          .optional(
              "origin_id", STRING, "Id of the alert, message, log entry or update it came from.")
          .optional(
              "attributes", STRING_MAP, "Kind-specific attributes, such as role and assignee.")
          .build();

  public static final TableSchema ALERTS =
      new TableBuilder("alerts", CANONICAL, "One row per alert firing.")
          .key("alert_id")
          .partitionBy("fired_at")
          .required("alert_id", STRING, "Deterministic id over (source, fingerprint, fired_at).")
          .required("source", STRING, "The alerting tool.")
          .optional("fingerprint", STRING, "The alert's fingerprint or vendor id.")
          .optional("rule", STRING, "Alert rule: alertname or alert title.")
          .optional("title", STRING, "Alert title or summary.")
          .optional("service", STRING, "Service the alert belongs to.")
          .optional("severity", STRING, "Alert severity as the tool gives it.")
          .optional("status", STRING, "firing, resolved, acknowledged...")
          .required("fired_at", TIMESTAMP, "When the alert fired.")
          .optional("resolved_at", TIMESTAMP, "When it resolved; null while firing.")
          .optional(
              "incident_id",
              STRING,
              "Explicit link only, as the source's own incident key (see incident_links).")
          .optional("labels", STRING_MAP, "Labels and annotations.")
          .build();

  public static final TableSchema PAGES =
      new TableBuilder("pages", CANONICAL, "One row per notification sent to a human.")
          .key("page_id")
          .partitionBy("paged_at")
          .required("page_id", STRING, "Deterministic page id.")
          .optional("incident_id", STRING, "The source's own key of the incident the page was for.")
          .required("responder", STRING, "Who was paged.")
          .required("channel", STRING, "phone, sms, push, email, chat or other.")
          .required("paged_at", TIMESTAMP, "When the notification was sent.")
          .optional("acknowledged_at", TIMESTAMP, "When it was acknowledged; never the close time.")
          .optional("escalation_level", INT, "Escalation level, 1 = primary.")
          .build();

  public static final TableSchema CHAT_MESSAGES =
      new TableBuilder("chat_messages", CANONICAL, "One row per chat message.")
          .key("message_id")
          .partitionBy("posted_at")
          .required("message_id", STRING, "Deterministic message id.")
          .required("source", STRING, "slack, mattermost or teams.")
          .required("channel_id", STRING, "Channel id.")
          .optional("channel_name", STRING, "Channel name.")
          .optional(
              "incident_id",
              STRING,
              "The source's own incident key (slack:channel:<id>, jira:ref:<number>...).")
          .required(
              "posted_at", TIMESTAMP, "When the message was posted (from ts, never the file name).")
          .optional("author_id", STRING, "Author's user id.")
          .optional("author_name", STRING, "Author's display name.")
          .required("is_bot", BOOLEAN, "Posted by a bot or integration.")
          .optional("subtype", STRING, "Message subtype such as channel_join.")
          .required("text", STRING, "Message text, secrets redacted.")
          .optional("thread_id", STRING, "Thread root ts, kept as a string.")
          .optional("reply_count", INT, "Number of replies on a thread root.")
          .optional("edited_at", TIMESTAMP, "Last edit time.")
          .optional("pinned", BOOLEAN, "Pinned to the channel (Slack pinned_to).")
          .optional("reactions", STRING_ARRAY, "Reaction names on the message, such as pushpin.")
          .build();

  public static final TableSchema ACTION_ITEMS =
      new TableBuilder("action_items", CANONICAL, "Follow-ups of incidents.")
          .key("action_item_id")
          .partitionBy("created_at")
          .required("action_item_id", STRING, "Deterministic id.")
          .optional(
              "incident_id",
              STRING,
              "The source's own incident key (slack:channel:<id>, jira:ref:<number>...).")
          .required("title", STRING, "What is to be done.")
          .optional("owner", STRING, "Who owns it.")
          .optional("due_date", DATE, "When it is due.")
          .required("status", STRING, "open, done or wont_do.")
          .optional("original_status", STRING, "The tracker's own status.")
          .required("created_at", TIMESTAMP, "When it was created.")
          .optional("completed_at", TIMESTAMP, "When it was done.")
          .optional("tracker_key", STRING, "Tracker key such as OPS-12.")
          .optional("tracker_url", STRING, "Tracker link.")
          .optional("priority", STRING, "Tracker priority.")
          .required("source", STRING, "The tool it came from.")
          .optional(
              "source_updated_at",
              TIMESTAMP,
              "The source's last update of the record; of two versions the later wins.")
          .build();

  public static final TableSchema PEOPLE =
      new TableBuilder("people", CANONICAL, "People known to any tool.")
          .key("person_id")
          .required("person_id", STRING, "The tool's own id: <source>:user:<key>.")
          .required("name", STRING, "Display name.")
          .optional("email", STRING, "Email address.")
          .optional("timezone", STRING, "IANA timezone, such as Europe/Berlin.")
          .optional("team", STRING, "Team.")
          .optional("source", STRING, "The tool that knows this person.")
          .optional("handle", STRING, "Chat handle or username, such as Slack's name.")
          .optional("slack_user_id", STRING, "Slack user id, as the tool gives it (incident.io).")
          .build();

  public static final TableSchema SERVICES =
      new TableBuilder("services", CANONICAL, "Optional service catalog.")
          .key("service")
          .required("service", STRING, "Service name.")
          .optional("team", STRING, "Owning team.")
          .optional("tier", STRING, "Tier.")
          .optional("runbook_url", STRING, "Runbook link.")
          .optional("owner", STRING, "Owner.")
          .build();

  public static final TableSchema QUARANTINE =
      new TableBuilder("quarantine", CANONICAL, "Every record ingest rejected, with the reason.")
          .key("source", "source_file", "position", "error_code")
          .partitionBy("ingested_at")
          .required("source", STRING, "Source format.")
          .required("source_file", STRING, "File the record came from.")
          .required("position", STRING, "Line number or JSON pointer.")
          .required("error_code", STRING, "IngestErrorCode.")
          .required("message", STRING, "What is wrong, and where.")
          .required("raw", STRING, "The offending input, truncated.")
          .required("ingested_at", TIMESTAMP, "When it was rejected.")
          .build();

  public static final TableSchema INGEST_RUNS =
      new TableBuilder("ingest_runs", CANONICAL, "One row per ingest run and source.")
          .key("run_id", "source")
          .partitionBy("started_at")
          .required("run_id", STRING, "Run id.")
          .required("started_at", TIMESTAMP, "Start.")
          .required("finished_at", TIMESTAMP, "End.")
          .required("source", STRING, "Source format.")
          .required("files", BIGINT, "Files read.")
          .required("records_read", BIGINT, "Records read.")
          .required("records_written", BIGINT, "Records written.")
          .required("duplicates", BIGINT, "Records deduplicated.")
          .required("quarantined", BIGINT, "Records quarantined.")
          .build();

  public static final TableSchema INCIDENT_LINKS =
      new TableBuilder(
              "incident_links",
              DERIVED,
              "Every source's incident key, mapped to its one canonical incident.")
          .key("source_key")
          .required(
              "source_key",
              STRING,
              "A key that rows of one source carry in incident_id: an incident id, a chat channel "
                  + "(slack:channel:<id>) or a reference (jira:ref:<number>).")
          .required("source", STRING, "The source that owns the key.")
          .required("entity", STRING, "incident, channel or reference.")
          .optional("incident_id", STRING, "The canonical incident; null when unlinked.")
          .required(
              "match",
              STRING,
              "self, number, title_window, channel_id, channel_name, channel_pattern, reference "
                  + "or none.")
          .build();

  public static final TableSchema PERSON_IDENTITIES =
      new TableBuilder(
              "person_identities", DERIVED, "Every tool's person, mapped to one canonical person.")
          .key("person_id")
          .required("person_id", STRING, "The tool's person id (people.person_id).")
          .required("source", STRING, "The tool.")
          .required("canonical_person_id", STRING, "One id per human: person:email:<e> or ...")
          .required("display_name", STRING, "The canonical person's display name.")
          .optional("email", STRING, "The canonical person's email.")
          .required("match", STRING, "email, slack_user_id, name or self.")
          .build();

  public static final TableSchema ACTION_ITEM_LINKS =
      new TableBuilder(
              "action_item_links",
              DERIVED,
              "Every source's action item, mapped to one canonical item (follow-up = Jira issue).")
          .key("action_item_id")
          .required("action_item_id", STRING, "The source's item id.")
          .required("source", STRING, "The source.")
          .required("canonical_action_item_id", STRING, "The canonical item.")
          .required("match", STRING, "self or tracker_key.")
          .build();

  public static final TableSchema ALERT_LINKS =
      new TableBuilder(
              "alert_links",
              DERIVED,
              "One row per distinct alert firing, with its incident (METRICS.md section 5).")
          .key("alert_id")
          .partitionBy("fired_at")
          .required("alert_id", STRING, "The alert firing.")
          .required("source", STRING, "The alerting tool.")
          .optional("rule", STRING, "Alert rule.")
          .optional("title", STRING, "Alert title.")
          .optional("service", STRING, "Service.")
          .required("fired_at", TIMESTAMP, "When it fired.")
          .optional("resolved_at", TIMESTAMP, "When it resolved.")
          .optional("incident_id", STRING, "The canonical incident, explicit or correlated.")
          .required("link", STRING, "explicit, correlated or none.")
          .required("deliveries", BIGINT, "Deliveries of this firing across tools (1 = one tool).")
          .build();

  public static final TableSchema ALERT_DUPLICATES =
      new TableBuilder(
              "alert_duplicates",
              DERIVED,
              "Deliveries of one firing by a second tool (Alertmanager -> PagerDuty), counted once.")
          .key("alert_id")
          .required("alert_id", STRING, "The second delivery (not counted).")
          .required("source", STRING, "Its tool.")
          .required("duplicate_of", STRING, "The alert_links row it is the same firing as.")
          .required("match", STRING, "fingerprint, dedup_key or rule_service_time.")
          .build();

  public static final TableSchema INCIDENT_FACTS = incidentFacts();
  public static final TableSchema MONTHLY_METRICS = monthlyMetrics();

  public static final TableSchema ALERT_RULE_STATS =
      new TableBuilder("alert_rule_stats", DERIVED, "One row per (month, rule, service).")
          .key("month", "rule", "service")
          .partitionBy("month")
          .required("month", STRING, "YYYY-MM in the report timezone.")
          .required("rule", STRING, "alertname or alert title.")
          .required("service", STRING, "Service, or 'unknown'.")
          .required("fired", BIGINT, "Alerts fired.")
          .required("linked", BIGINT, "Alerts linked to an incident.")
          .optional("actionable_rate", DOUBLE, "linked / fired.")
          .optional("p50_time_to_acknowledge_s", DOUBLE, "Median TTA of linked incidents.")
          .optional("after_hours_share", DOUBLE, "Share fired outside business hours.")
          .required("noisy", BOOLEAN, "fired >= min AND actionable_rate < max.")
          .build();

  public static final TableSchema RESPONDER_LOAD =
      new TableBuilder("responder_load", DERIVED, "One row per (month, canonical person).")
          .key("month", "person_id")
          .partitionBy("month")
          .required("month", STRING, "YYYY-MM in the report timezone.")
          .required("person_id", STRING, "Canonical person (person_identities).")
          .required("responder", STRING, "The person's display name.")
          .required("pages", BIGINT, "Every notification on any channel.")
          .required("interruptions", BIGINT, "Pages within 60 s merged; email excluded.")
          .required("business_hours", BIGINT, "Interruptions Mon-Fri 08:00-18:00 local.")
          .required("off_hours", BIGINT, "Interruptions Mon-Fri 18:00-22:00 and weekend days.")
          .required("sleep_hours", BIGINT, "Interruptions 22:00-08:00 local.")
          .required("incidents_led", BIGINT, "Counted incidents led.")
          .required("sev1_led", BIGINT, "Counted SEV1 incidents led.")
          .build();

  public static final TableSchema ACTION_ITEM_FACTS =
      new TableBuilder("action_item_facts", DERIVED, "One row per action item, with its flags.")
          .key("action_item_id")
          .partitionBy("month")
          .required("action_item_id", STRING, "Action item id.")
          .optional("incident_id", STRING, "Linked incident.")
          .required("month", STRING, "Month of created_at, report timezone.")
          .required("title", STRING, "Title.")
          .optional("owner", STRING, "Owner.")
          .optional("due_date", DATE, "Due date.")
          .required("status", STRING, "open, done or wont_do.")
          .required("created_at", TIMESTAMP, "Created.")
          .optional("completed_at", TIMESTAMP, "Completed.")
          .required("tracked", BOOLEAN, "Has both an owner and a due date.")
          .required("overdue", BOOLEAN, "Open with due_date before as_of.")
          .optional("days_to_complete", DOUBLE, "completed_at - created_at in days.")
          .optional("severity", STRING, "Severity of the linked incident.")
          .optional("team", STRING, "Team of the linked incident.")
          .build();

  public static final TableSchema DATA_QUALITY =
      new TableBuilder(
              "data_quality", DERIVED, "Per month: milestone provenance and quarantine counts.")
          .key("month", "check_kind", "milestone", "source", "error_code")
          .partitionBy("month")
          .required("month", STRING, "YYYY-MM.")
          .required("check_kind", STRING, "milestone or quarantine.")
          .required("milestone", STRING, "Milestone name, or '' for quarantine rows.")
          .required("source", STRING, "Source, or '' for milestone rows.")
          .required("error_code", STRING, "Error code, or '' for milestone rows.")
          .optional("incidents", BIGINT, "Incidents considered.")
          .optional("explicit_pct", DOUBLE, "Share explicit.")
          .optional("fallback_pct", DOUBLE, "Share from a fallback.")
          .optional("missing_pct", DOUBLE, "Share missing.")
          .optional("milestones_reordered", BIGINT, "Incidents whose milestones the clamp moved.")
          .optional("imputed_phases", BIGINT, "Phases imputed as zero.")
          .optional("quarantined", BIGINT, "Quarantined records.")
          .build();

  public static final TableSchema INCIDENT_EMBEDDINGS =
      new TableBuilder(
              "incident_embeddings",
              DERIVED,
              "Cached sentence embeddings of incidents, for similar-incident search.")
          .key("incident_id")
          .required("incident_id", STRING, "Incident id.")
          .required(
              "text_hash", STRING, "SHA-256 of the embedded text; a changed text is re-embedded.")
          .required("model", STRING, "Embedding model.")
          .required("vector", STRING, "Comma-separated floats.")
          .build();

  public static final TableSchema PULL_STATE =
      new TableBuilder(
              "pull_state",
              CANONICAL,
              "Incremental state of `incidents pull`: one row per source and scope.")
          .key("source", "scope")
          .required("source", STRING, "The pulled tool: pagerduty, incidentio, ...")
          .required("scope", STRING, "What the watermark covers, such as incidents or a channel.")
          .required(
              "watermark", TIMESTAMP, "Everything up to here was pulled and ingested (run start).")
          .required("last_run_id", STRING, "The pull run that committed this row.")
          .required("last_run_at", TIMESTAMP, "When that run finished.")
          .required("records", BIGINT, "Records that run fetched for this scope.")
          .optional(
              "pending_ids",
              STRING_ARRAY,
              "Ids of records that were not final (unresolved), fetched again by id next run.")
          .build();

  /** Canonical tables first, then derived, in dependency order. */
  public static final List<TableSchema> ALL =
      List.of(
          INCIDENTS,
          TIMELINE_EVENTS,
          ALERTS,
          PAGES,
          CHAT_MESSAGES,
          ACTION_ITEMS,
          PEOPLE,
          SERVICES,
          QUARANTINE,
          INGEST_RUNS,
          INCIDENT_LINKS,
          PERSON_IDENTITIES,
          ACTION_ITEM_LINKS,
          ALERT_DUPLICATES,
          ALERT_LINKS,
          INCIDENT_FACTS,
          MONTHLY_METRICS,
          ALERT_RULE_STATS,
          RESPONDER_LOAD,
          ACTION_ITEM_FACTS,
          DATA_QUALITY,
          INCIDENT_EMBEDDINGS,
          PULL_STATE);

  public static Optional<TableSchema> byName(String name) {
    return ALL.stream().filter(table -> table.name().equals(name)).findFirst();
  }

  private static TableSchema incidentFacts() {
    TableBuilder builder =
        new TableBuilder("incident_facts", DERIVED, "One row per incident, counted or not.")
            .key("incident_id")
            .partitionBy("month")
            .required("incident_id", STRING, "Incident id.")
            .optional("incident_number", BIGINT, "Incident number.")
            .optional("reference", STRING, "Human reference.")
            .required("title", STRING, "Title.")
            .required("source", STRING, "Incident tool.")
            .required("severity", STRING, "SEV1..SEV4 or UNKNOWN.")
            .optional("services", STRING_ARRAY, "Services.")
            .optional("teams", STRING_ARRAY, "Teams.")
            .optional("incident_type", STRING, "Incident type.")
            .required("mode", STRING, "Mode.")
            .required("status", STRING, "Status.")
            .required("month", STRING, "Month of reported_at in the report timezone.")
            .optional("resolved_month", STRING, "Month of resolved_at in the report timezone.")
            .required("counted", BOOLEAN, "Enters MTTx (docs/metrics.md, incident_facts).")
            .optional("exclusion_reason", STRING, "Why not counted.");
    for (String milestone : MILESTONES) {
      builder
          .optional(milestone + "_at", TIMESTAMP, "Milestone " + milestone + ", after fallbacks.")
          .required(
              milestone + "_source",
              STRING,
              "explicit, fallback:<rule> or missing for " + milestone + "_at.");
    }
    return builder
        .required("effective_start_at", TIMESTAMP, "impact_started_at after fallbacks (p0).")
        .optional("clamped_assembled_at", TIMESTAMP, "p2 after imputation and clamp.")
        .optional("clamped_identified_at", TIMESTAMP, "p3 after imputation and clamp.")
        .optional("clamped_mitigated_at", TIMESTAMP, "p4 after imputation and clamp.")
        .optional("clamped_resolved_at", TIMESTAMP, "p5 after clamp.")
        .required("milestones_reordered", BOOLEAN, "The monotonic clamp moved a point.")
        .required("imputed_phases", INT, "Phases whose start point was missing.")
        .optional("time_to_detect_s", BIGINT, "detected_at - impact_started_at.")
        .optional("time_to_acknowledge_s", BIGINT, "acknowledged_at - paged_at.")
        .optional("time_to_mitigate_s", BIGINT, "p4 - p0.")
        .optional("time_to_resolve_s", BIGINT, "p5 - p0.")
        .optional("phase_detect_s", BIGINT, "p1 - p0.")
        .optional("phase_assemble_s", BIGINT, "p2 - p1.")
        .optional("phase_troubleshoot_s", BIGINT, "p3 - p2.")
        .optional("phase_mitigate_s", BIGINT, "p4 - p3.")
        .optional("phase_cleanup_s", BIGINT, "p5 - p4.")
        .required("lead_assigned_within_5m", BOOLEAN, "assembled_at - reported_at <= 300.")
        .required("all_roles_within_5m", BOOLEAN, "All four roles within 300 s.")
        .optional("postmortem_lag_s", BIGINT, "postmortem_published_at - resolved_at.")
        .required("pm_required", BOOLEAN, "Counted and at a post-mortem severity.")
        .optional("lead", STRING, "First incident lead: the canonical person's display name.")
        .optional("lead_person_id", STRING, "First incident lead: the canonical person.")
        .required("linked_alerts", BIGINT, "Alerts linked explicitly or by correlation.")
        .build();
  }

  private static TableSchema monthlyMetrics() {
    TableBuilder builder =
        new TableBuilder("monthly_metrics", DERIVED, "One row per (month, severity, service).")
            .key("month", "severity", "service")
            .partitionBy("month")
            .required("month", STRING, "YYYY-MM in the report timezone.")
            .required("severity", STRING, "Severity or ALL.")
            .required("service", STRING, "Service or ALL.")
            .required("incidents", BIGINT, "Counted incidents reported in the month.")
            .required("excluded_incidents", BIGINT, "Not-counted incidents reported in the month.")
            .optional("sev_share", DOUBLE, "Share of the month's incidents at this severity.")
            .required("open_incidents", BIGINT, "Counted incidents open at as_of.");
    for (String metric : DURATION_METRICS) {
      builder
          .required("n_" + metric, BIGINT, "Incidents with a non-null " + metric + "_s.")
          .optional("mean_" + metric + "_s", DOUBLE, "Mean of " + metric + "_s.")
          .optional("p50_" + metric + "_s", DOUBLE, "Median of " + metric + "_s.")
          .optional("p90_" + metric + "_s", DOUBLE, "90th percentile of " + metric + "_s.");
    }
    return builder
        .optional("pct_mitigated_within_30m", DOUBLE, "SEV1+SEV2 mitigated within the target.")
        .optional("pct_lead_within_5m", DOUBLE, "SEV1+SEV2 with a lead within the target.")
        .optional("pct_all_roles_within_5m", DOUBLE, "SEV1+SEV2 with all roles within target.")
        .required("alerts_fired", BIGINT, "Alerts fired in the month.")
        .optional("alerts_per_incident", DOUBLE, "alerts_fired / incidents.")
        .optional("pct_detected_by_alert", DOUBLE, "Share detected explicitly or by alert.")
        .required("pm_required", BIGINT, "Post-mortems required (by resolved month).")
        .required("pm_published", BIGINT, "Post-mortems published.")
        .optional("pm_completion_rate", DOUBLE, "pm_published / pm_required.")
        .optional("pm_on_time_rate", DOUBLE, "Published within the deadline / required.")
        .optional("p50_postmortem_lag_s", DOUBLE, "Median post-mortem lag.")
        .required("pm_overdue", BIGINT, "Required, unpublished, past the deadline.")
        .required("ai_total", BIGINT, "Action items created in the month.")
        .optional("ai_tracked_rate", DOUBLE, "Share with an owner and a due date.")
        .optional("ai_completion_rate", DOUBLE, "done / (total - wont_do).")
        .required("ai_overdue", BIGINT, "Open with due_date before as_of.")
        .optional("p50_ai_days_to_complete", DOUBLE, "Median days to complete.")
        .optional("hero_share", DOUBLE, "Share of SEV1s led by the top three SEV1 leads (90 d).")
        .required("definitions_version", STRING, "Version hash of the metric definitions in use.")
        .required("as_of_epoch_s", BIGINT, "The as_of instant the row was computed at (epoch s).")
        .build();
  }
}
