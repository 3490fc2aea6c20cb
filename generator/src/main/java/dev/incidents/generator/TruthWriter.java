package dev.incidents.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code truth.json}: the milestones and phase durations the simulation used for every incident,
 * written by the simulation and never computed by the pipeline. Phases are differences of whole
 * epoch seconds of consecutive points, so they sum exactly to the time to resolve.
 */
final class TruthWriter {
  private final Simulation simulation;
  private final Path file;
  private final GenerationSummary summary;

  TruthWriter(Simulation simulation, Path file, GenerationSummary summary) {
    this.simulation = simulation;
    this.file = file;
    this.summary = summary;
  }

  static String canonicalMode(IncidentPlan plan) {
    if (plan.gameDay) {
      return "game_day";
    }
    return plan.mode.equals("standard") ? "real" : plan.mode;
  }

  void write() throws IOException {
    try (JsonGenerator json = JsonOut.open(file, true)) {
      json.writeStartObject();
      json.writeStringField("generator", "incidents generate");
      json.writeNumberField("seed", simulation.organisation.seed);
      json.writeStringField("org", simulation.organisation.size.label());
      json.writeStringField("start", simulation.start.toString());
      json.writeStringField("end", simulation.end.toString());
      json.writeArrayFieldStart("incidents");
      for (IncidentPlan plan : simulation.incidents) {
        writeIncident(json, plan);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    summary.file("truth", file);
  }

  private void writeIncident(JsonGenerator json, IncidentPlan plan) throws IOException {
    json.writeStartObject();
    json.writeStringField("reference", plan.reference());
    json.writeNumberField("incident_number", plan.number);
    json.writeStringField("incidentio_id", plan.ulid);
    JsonOut.stringOrNull(json, "pagerduty_id", plan.pagerDutyId);
    json.writeStringField("severity", "SEV" + plan.severity);
    json.writeStringField("mode", canonicalMode(plan));
    json.writeStringField("status", plan.finalStatus);
    json.writeBooleanField("counted", plan.counted());
    json.writeArrayFieldStart("services");
    for (String service : plan.services) {
      json.writeString(service);
    }
    json.writeEndArray();
    Map<String, Instant> milestones = new LinkedHashMap<>();
    milestones.put("impact_started_at", plan.impactStartedAt);
    milestones.put("detected_at", plan.detectedAt);
    milestones.put("reported_at", plan.reportedAt);
    milestones.put("paged_at", plan.pagedAt);
    milestones.put("acknowledged_at", plan.acknowledgedAt);
    milestones.put("assembled_at", plan.assembledAt);
    milestones.put("identified_at", plan.identifiedAt);
    milestones.put("mitigated_at", plan.mitigatedAt);
    milestones.put("resolved_at", plan.resolvedAt);
    milestones.put("closed_at", plan.closedAt);
    milestones.put("postmortem_published_at", plan.postmortemPublishedAt);
    json.writeObjectFieldStart("milestones");
    for (Map.Entry<String, Instant> milestone : milestones.entrySet()) {
      JsonOut.stringOrNull(
          json,
          milestone.getKey(),
          milestone.getValue() == null ? null : milestone.getValue().toString());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("recorded");
    json.writeBooleanField("impact_started_at", plan.impactRecorded);
    // Tutorial incidents get no Slack channel, so no /inc lead command records their assembly.
    json.writeBooleanField(
        "assembled_at",
        plan.leadCommand && plan.assembledAt != null && !plan.mode.equals("tutorial"));
    json.writeBooleanField("identified_at", plan.identifiedRecorded || plan.identifiedStatusUpdate);
    json.writeBooleanField("mitigated_at", plan.mitigatedAt != null);
    json.writeEndObject();
    if (plan.resolvedAt != null && plan.assembledAt != null) {
      long p0 = plan.impactStartedAt.getEpochSecond();
      long p1 = plan.reportedAt.getEpochSecond();
      long p2 = plan.assembledAt.getEpochSecond();
      long p3 = plan.identifiedAt.getEpochSecond();
      long p4 = plan.mitigatedAt.getEpochSecond();
      long p5 = plan.resolvedAt.getEpochSecond();
      json.writeObjectFieldStart("phases_s");
      json.writeNumberField("detect", p1 - p0);
      json.writeNumberField("assemble", p2 - p1);
      json.writeNumberField("troubleshoot", p3 - p2);
      json.writeNumberField("mitigate", p4 - p3);
      json.writeNumberField("cleanup", p5 - p4);
      json.writeEndObject();
      json.writeNumberField("time_to_resolve_s", p5 - p0);
      json.writeNumberField("time_to_mitigate_s", p4 - p0);
    }
    if (plan.pagedAt != null && plan.acknowledgedAt != null) {
      json.writeNumberField(
          "time_to_acknowledge_s",
          plan.acknowledgedAt.getEpochSecond() - plan.pagedAt.getEpochSecond());
    }
    json.writeObjectFieldStart("flags");
    json.writeBooleanField("paged", plan.paged);
    json.writeBooleanField("customer_reported", plan.customerReported);
    json.writeBooleanField("reopened", plan.reopened);
    json.writeBooleanField(
        "identified_recorded_out_of_order", plan.recordedIdentifiedOutOfOrder != null);
    json.writeBooleanField("customer_facing", plan.customerFacing);
    json.writeEndObject();
    json.writeNumberField("chat_messages", plan.chatMessages);
    json.writeNumberField("action_items", plan.actionItems.size());
    json.writeNumberField("linked_alerts", plan.alerts.size());
    // People across tools are one person by email: the lead (Slack, incident.io, PagerDuty) and
    // everyone paged (PagerDuty), so identity can be checked against the simulation.
    JsonOut.stringOrNull(
        json,
        "lead_email",
        plan.lead < 0 ? null : simulation.organisation.people.get(plan.lead).email());
    java.util.TreeSet<String> paged = new java.util.TreeSet<>();
    for (IncidentPlan.PageEvent page : plan.pages) {
      paged.add(simulation.organisation.people.get(page.person()).email());
    }
    json.writeArrayFieldStart("paged_emails");
    for (String email : paged) {
      json.writeString(email);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
