package dev.incidents.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Atlassian Statuspage: {@code incidents/<id>.json} ({@code {page, incident}}) for every
 * customer-facing incident, and {@code incidents.json} with the 50 most recent, as the public API
 * serves them. Updates are newest first and their bodies are HTML.
 */
final class StatuspageWriter {
  private final Simulation simulation;
  private final Path directory;
  private final GenerationSummary summary;
  private final Cutoff cutoff;

  StatuspageWriter(
      Simulation simulation, Path directory, GenerationSummary summary, Cutoff cutoff) {
    this.simulation = simulation;
    this.directory = directory;
    this.summary = summary;
    this.cutoff = cutoff;
  }

  /** A customer-facing incident is posted ten minutes after it is reported. */
  static Instant createdAt(IncidentPlan plan) {
    return plan.reportedAt.plusSeconds(600);
  }

  record Update(String status, Instant at, String body) {}

  void write() throws IOException {
    List<IncidentPlan> facing =
        simulation.incidents.stream()
            .filter(plan -> plan.customerFacing && cutoff.includes(createdAt(plan)))
            .toList();
    for (IncidentPlan plan : facing) {
      Path path = directory.resolve("incidents").resolve(plan.statuspageId + ".json");
      try (JsonGenerator json = JsonOut.open(path, true)) {
        json.writeStartObject();
        writePage(json);
        json.writeFieldName("incident");
        writeIncident(json, plan);
        json.writeEndObject();
      }
      summary.file("statuspage", path);
    }
    Path list = directory.resolve("incidents.json");
    try (JsonGenerator json = JsonOut.open(list, true)) {
      json.writeStartObject();
      writePage(json);
      json.writeArrayFieldStart("incidents");
      List<IncidentPlan> recent = new ArrayList<>(facing);
      java.util.Collections.reverse(recent);
      for (IncidentPlan plan : recent.subList(0, Math.min(50, recent.size()))) {
        writeIncident(json, plan);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    summary.file("statuspage", list);
    summary.count("statuspage.incidents", facing.size());
  }

  private static void writePage(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("page");
    json.writeStringField("id", "kctbh9vrtdwd");
    json.writeStringField("name", "Example Status");
    json.writeStringField("url", "https://status.example.com");
    json.writeStringField("time_zone", "Etc/UTC");
    json.writeEndObject();
  }

  private void writeIncident(JsonGenerator json, IncidentPlan plan) throws IOException {
    Instant created = createdAt(plan);
    List<Update> updates = new ArrayList<>();
    updates.add(
        new Update(
            "investigating",
            created,
            "<p>We are investigating <strong>elevated errors</strong> on "
                + plan.services.get(0)
                + ".</p>"));
    if (plan.identifiedAt != null && plan.identifiedAt.isAfter(created)) {
      updates.add(
          new Update(
              "identified",
              plan.identifiedAt.plusSeconds(120),
              "<p>The issue has been identified and a fix is being implemented.</p>"));
    }
    if (plan.mitigatedAt != null && plan.mitigatedAt.isAfter(created)) {
      updates.add(
          new Update(
              "monitoring",
              plan.mitigatedAt.plusSeconds(180),
              "<p>A fix has been implemented and we are monitoring the results.</p>"));
    }
    if (plan.resolvedAt != null) {
      updates.add(
          new Update(
              "resolved",
              plan.resolvedAt.plusSeconds(240),
              "<p>This incident has been resolved.</p><ul><li>Affected: "
                  + String.join(", ", plan.services)
                  + "</li></ul>"));
    }
    // Updates posted after the cutoff are absent; the incident's status is its last visible one.
    updates.removeIf(update -> !cutoff.includes(update.at()));
    Update last = updates.get(updates.size() - 1);
    json.writeStartObject();
    json.writeStringField("id", plan.statuspageId);
    json.writeStringField("name", plan.title);
    json.writeStringField("status", last.status());
    json.writeStringField("impact", plan.severity == 1 ? "critical" : "major");
    json.writeStringField("created_at", Formats.statuspage(created));
    json.writeStringField("updated_at", Formats.statuspage(last.at()));
    json.writeStringField("started_at", Formats.statuspage(plan.impactStartedAt));
    if (plan.mitigatedAt != null && cutoff.includes(plan.mitigatedAt.plusSeconds(180))) {
      json.writeStringField("monitoring_at", Formats.statuspage(plan.mitigatedAt.plusSeconds(180)));
    } else {
      json.writeNullField("monitoring_at");
    }
    if (plan.resolvedAt != null && cutoff.includes(plan.resolvedAt.plusSeconds(240))) {
      json.writeStringField("resolved_at", Formats.statuspage(plan.resolvedAt.plusSeconds(240)));
    } else {
      json.writeNullField("resolved_at");
    }
    json.writeStringField("shortlink", "https://stspg.io/" + plan.statuspageId.substring(0, 6));
    json.writeStringField("page_id", "kctbh9vrtdwd");
    json.writeArrayFieldStart("incident_updates");
    for (int i = updates.size() - 1; i >= 0; i--) {
      Update update = updates.get(i);
      json.writeStartObject();
      json.writeStringField("id", plan.statuspageId.substring(0, 8) + "u" + i);
      json.writeStringField("status", update.status());
      json.writeStringField("body", update.body());
      json.writeStringField("incident_id", plan.statuspageId);
      json.writeStringField("created_at", Formats.statuspage(update.at()));
      json.writeStringField("updated_at", Formats.statuspage(update.at()));
      json.writeStringField("display_at", Formats.statuspage(update.at()));
      json.writeArrayFieldStart("affected_components");
      json.writeStartObject();
      json.writeStringField("code", "c" + Integer.toHexString(plan.services.get(0).hashCode()));
      json.writeStringField("name", plan.services.get(0));
      json.writeStringField("old_status", "operational");
      json.writeStringField(
          "new_status", update.status().equals("resolved") ? "operational" : "major_outage");
      json.writeEndObject();
      json.writeEndArray();
      json.writeBooleanField("deliver_notifications", true);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("components");
    json.writeEndArray();
    json.writeEndObject();
  }
}
