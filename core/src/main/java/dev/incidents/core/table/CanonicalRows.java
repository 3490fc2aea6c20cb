package dev.incidents.core.table;

import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IngestRun;
import dev.incidents.core.model.Page;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.PullState;
import dev.incidents.core.model.Rejection;
import dev.incidents.core.model.Service;
import dev.incidents.core.model.TimelineEvent;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import java.time.ZoneId;

/**
 * The mappers from canonical records to lake rows, one method per table. Null appears only in the
 * rows these methods return.
 */
public final class CanonicalRows {
  private CanonicalRows() {}

  public static Object[] incident(Incident incident) {
    var milestones = incident.milestones();
    return new RowBuilder(LakeTables.INCIDENTS)
        .set("incident_id", incident.incidentId())
        .set("source", incident.source())
        .set("external_id", incident.externalId())
        .set("reference", incident.reference())
        .set("incident_number", incident.incidentNumber())
        .set("title", incident.title())
        .set("summary", incident.summary())
        .set("severity", incident.severity().name())
        .set("original_severity", incident.originalSeverity())
        .set("incident_type", incident.incidentType())
        .set("mode", incident.mode().value())
        .set("status", incident.status().value())
        .set("original_status", incident.originalStatus())
        .set("services", incident.services())
        .set("teams", incident.teams())
        .set("chat_channel_id", incident.chatChannelId())
        .set("chat_channel_name", incident.chatChannelName())
        .set("postmortem_url", incident.postmortemUrl())
        .set("postmortem_status", incident.postmortemStatus())
        .set("impact_started_at", milestones.impactStartedAt())
        .set("detected_at", milestones.detectedAt())
        .set("reported_at", milestones.reportedAt())
        .set("identified_at", milestones.identifiedAt())
        .set("mitigated_at", milestones.mitigatedAt())
        .set("resolved_at", milestones.resolvedAt())
        .set("closed_at", milestones.closedAt())
        .set("postmortem_published_at", milestones.postmortemPublishedAt())
        .set("source_file", incident.sourceFile())
        .build();
  }

  public static Object[] timelineEvent(TimelineEvent event) {
    return new RowBuilder(LakeTables.TIMELINE_EVENTS)
        .set("event_id", event.eventId())
        .set("incident_id", event.incidentId())
        .set("occurred_at", event.occurredAt())
        .set("kind", event.kind().value())
        .set("actor", event.actor())
        .set("text", event.text())
        .set("source", event.source())
        .set("origin_id", event.originId())
        .set("attributes", event.attributes())
        .build();
  }

  public static Object[] alert(Alert alert) {
    return new RowBuilder(LakeTables.ALERTS)
        .set("alert_id", alert.alertId())
        .set("source", alert.source())
        .set("fingerprint", alert.fingerprint())
        .set("rule", alert.rule())
        .set("title", alert.title())
        .set("service", alert.service())
        .set("severity", alert.severity())
        .set("status", alert.status())
        .set("fired_at", alert.firedAt())
        .set("resolved_at", alert.resolvedAt())
        .set("incident_id", alert.incidentId())
        .set("labels", alert.labels())
        .build();
  }

  public static Object[] page(Page page) {
    return new RowBuilder(LakeTables.PAGES)
        .set("page_id", page.pageId())
        .set("incident_id", page.incidentId())
        .set("responder", page.responder())
        .set("channel", page.channel().value())
        .set("paged_at", page.pagedAt())
        .set("acknowledged_at", page.acknowledgedAt())
        .set("escalation_level", page.escalationLevel())
        .build();
  }

  public static Object[] chatMessage(ChatMessage message) {
    return new RowBuilder(LakeTables.CHAT_MESSAGES)
        .set("message_id", message.messageId())
        .set("source", message.source())
        .set("channel_id", message.channelId())
        .set("channel_name", message.channelName())
        .set("incident_id", message.incidentId())
        .set("posted_at", message.postedAt())
        .set("author_id", message.authorId())
        .set("author_name", message.authorName())
        .set("is_bot", message.isBot())
        .set("subtype", message.subtype())
        .set("text", message.text())
        .set("thread_id", message.threadId())
        .set("reply_count", message.replyCount())
        .set("edited_at", message.editedAt())
        .build();
  }

  public static Object[] actionItem(ActionItem item) {
    return new RowBuilder(LakeTables.ACTION_ITEMS)
        .set("action_item_id", item.actionItemId())
        .set("incident_id", item.incidentId())
        .set("title", item.title())
        .set("owner", item.owner())
        .set("due_date", item.dueDate())
        .set("status", item.status().value())
        .set("original_status", item.originalStatus())
        .set("created_at", item.createdAt())
        .set("completed_at", item.completedAt())
        .set("tracker_key", item.trackerKey())
        .set("tracker_url", item.trackerUrl())
        .set("priority", item.priority())
        .set("source", item.source())
        .build();
  }

  public static Object[] person(Person person) {
    return new RowBuilder(LakeTables.PEOPLE)
        .set("person_id", person.personId())
        .set("name", person.name())
        .set("email", person.email())
        .set("timezone", person.timezone().map(ZoneId::getId))
        .set("team", person.team())
        .set("source", person.source())
        .set("handle", person.handle())
        .set("slack_user_id", person.slackUserId())
        .build();
  }

  public static Object[] service(Service service) {
    return new RowBuilder(LakeTables.SERVICES)
        .set("service", service.service())
        .set("team", service.team())
        .set("tier", service.tier())
        .set("runbook_url", service.runbookUrl())
        .set("owner", service.owner())
        .build();
  }

  public static Object[] rejection(Rejection rejection) {
    return new RowBuilder(LakeTables.QUARANTINE)
        .set("source", rejection.source())
        .set("source_file", rejection.sourceFile())
        .set("position", rejection.position())
        .set("error_code", rejection.errorCode().name())
        .set("message", rejection.message())
        .set("raw", rejection.raw())
        .set("ingested_at", rejection.ingestedAt())
        .build();
  }

  public static Object[] ingestRun(IngestRun run) {
    return new RowBuilder(LakeTables.INGEST_RUNS)
        .set("run_id", run.runId())
        .set("started_at", run.startedAt())
        .set("finished_at", run.finishedAt())
        .set("source", run.source())
        .set("files", run.files())
        .set("records_read", run.recordsRead())
        .set("records_written", run.recordsWritten())
        .set("duplicates", run.duplicates())
        .set("quarantined", run.quarantined())
        .build();
  }

  public static Object[] pullState(PullState state) {
    return new RowBuilder(LakeTables.PULL_STATE)
        .set("source", state.source())
        .set("scope", state.scope())
        .set("watermark", state.watermark())
        .set("last_run_id", state.lastRunId())
        .set("last_run_at", state.lastRunAt())
        .set("records", state.records())
        .set("pending_ids", state.pendingIds())
        .build();
  }
}
