package dev.incidents.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the simulation decided about one incident. The writers render it into each vendor's
 * format; {@code truth.json} records it. Fields are package-private and set once by {@link
 * Simulation}.
 */
final class IncidentPlan {
  int number;
  String ulid;
  String title;
  String slug;
  String summary;
  String incidentType;
  int severity;

  /** incident.io mode: standard, test, tutorial or retrospective. */
  String mode;

  boolean gameDay;

  /** resolved, closed, declined, merged, canceled, active (still open at the end) or triage. */
  String finalStatus;

  int team;
  List<String> services = new ArrayList<>();

  Instant impactStartedAt;

  /** First linked alert firing; null for customer-reported incidents. */
  Instant detectedAt;

  Instant pagedAt;
  Instant acknowledgedAt;
  Instant reportedAt;
  Instant assembledAt;
  Instant identifiedAt;
  Instant mitigatedAt;
  Instant firstResolvedAt;
  Instant reopenedAt;
  Instant resolvedAt;
  Instant closedAt;
  Instant postmortemPublishedAt;

  /** published, draft or none. */
  String postmortemStatus = "none";

  boolean impactRecorded;
  boolean identifiedRecorded;
  boolean identifiedStatusUpdate;
  boolean fixedRecorded;
  boolean leadCommand;
  boolean customerReported;
  boolean reopened;

  /** When set, the "Identified at" written to incident.io is this wrong, too-early value. */
  Instant recordedIdentifiedOutOfOrder;

  int lead = -1;
  int techLead = -1;
  int comms = -1;
  int scribe = -1;
  Instant techLeadAt;
  Instant commsAt;
  Instant scribeAt;
  List<int[]> joins = new ArrayList<>(); // person index, seconds after reported

  /** Who was notified, when and how; escalation level 1 = primary. */
  List<PageEvent> pages = new ArrayList<>();

  int acknowledger = -1;
  boolean paged;
  String pagerDutyId;
  String channelId;
  String channelName;
  boolean customerFacing;
  String statuspageId;
  int chatMessages;
  List<ActionItemPlan> actionItems = new ArrayList<>();
  List<AlertPlan> alerts = new ArrayList<>();
  int mergedInto;

  record PageEvent(int person, Instant at, String channel, int level) {}

  record AlertPlan(String rule, String service, String instance, Instant firedAt, Instant endsAt) {}

  record ActionItemPlan(
      String followUpId,
      String jiraKey,
      String jiraId,
      String title,
      Integer owner,
      LocalDate dueDate,
      String status,
      Instant createdAt,
      Instant completedAt,
      String priority) {}

  String reference() {
    return "INC-" + number;
  }

  boolean counted() {
    return mode.equals("standard")
        && !gameDay
        && !List.of("declined", "merged", "canceled").contains(finalStatus);
  }

  boolean resolved() {
    return resolvedAt != null;
  }
}
