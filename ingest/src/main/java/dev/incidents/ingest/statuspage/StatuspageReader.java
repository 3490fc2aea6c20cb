package dev.incidents.ingest.statuspage;

import static dev.incidents.ingest.json.Fields.requiredText;
import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IncidentMode;
import dev.incidents.core.model.IncidentStatus;
import dev.incidents.core.model.Milestones;
import dev.incidents.core.model.Severity;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Atlassian Statuspage incidents ({@code {page, incident}} or {@code {page, incidents}}). Update
 * times come from {@code display_at} (backfilled history was created years later), bodies are HTML
 * turned into text. A Statuspage incident that mirrors a known incident (same title, reported
 * within a day) adds its updates to that incident instead of counting twice.
 */
public final class StatuspageReader implements SourceReader {
  public static final String SOURCE = "statuspage";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    if (!hasIncidentObject(input)) {
      JsonRecords.forEach(
          input,
          sink,
          Set.of("incidents"),
          (record, pointer) -> incident(record, input.name(), context, sink));
    } else {
      JsonNode document;
      try {
        document = JsonRecords.readSmall(input);
      } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
        sink.reject(
            "/",
            dev.incidents.core.model.IngestErrorCode.TRUNCATED,
            "Cannot parse " + input.name() + ": the file ends mid-record",
            "");
        return;
      } catch (java.io.IOException e) {
        sink.reject(
            "/",
            dev.incidents.core.model.IngestErrorCode.MALFORMED_JSON,
            "Cannot parse " + input.name() + ": " + e.getMessage(),
            "");
        return;
      }
      JsonNode incident = document == null ? null : document.get("incident");
      sink.read();
      if (incident == null || !incident.isObject()) {
        sink.reject(
            "/incident",
            dev.incidents.core.model.IngestErrorCode.MISSING_FIELD,
            "Missing required field incident",
            "");
        return;
      }
      JsonRecords.applyOne(
          incident,
          "/incident",
          sink,
          (record, pointer) -> incident(record, input.name(), context, sink));
    }
  }

  private static boolean hasIncidentObject(Input input) {
    try (var stream = input.open()) {
      String head =
          new String(stream.readNBytes(256 * 1024), java.nio.charset.StandardCharsets.UTF_8);
      return head.contains("\"incident\"") && !head.contains("\"incidents\"");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static Severity severity(String impact) {
    return switch (impact == null ? "" : impact) {
      case "critical" -> Severity.SEV1;
      case "major" -> Severity.SEV2;
      case "minor" -> Severity.SEV3;
      case "none", "maintenance" -> Severity.SEV4;
      default -> Severity.UNKNOWN;
    };
  }

  public static String htmlToText(String html) {
    String text = html.replaceAll("(?i)<br\\s*/?>|</p>|</li>", "\n").replaceAll("<[^>]+>", "");
    text =
        text.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return text.replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n").trim();
  }

  private static void incident(
      JsonNode record, String file, IngestContext context, RecordSink sink) {
    String id = requiredText(record, "id");
    String title = text(record, "name").orElse(id);
    Instant created = Fields.requiredInstant(record, "created_at");
    // Statuspage's own incident; a mirror of the incident tool's is linked by title and time window
    // in the transform (incident_links), never merged here.
    String incidentId = Ids.of(SOURCE, "incident", id);
    Instant identified = null;
    Instant monitoring = null;
    Instant resolved = null;
    List<JsonNode> updates = new ArrayList<>();
    JsonNode list = record.get("incident_updates");
    if (list != null && list.isArray()) {
      list.forEach(updates::add);
    }
    updates.sort(java.util.Comparator.comparing(update -> when(update)));
    for (JsonNode update : updates) {
      Instant at = when(update);
      String status = text(update, "status").orElse("");
      if (status.equals("identified") && identified == null) {
        identified = at;
      } else if (status.equals("monitoring") && monitoring == null) {
        monitoring = at;
      } else if (status.equals("resolved")) {
        resolved = at;
      }
      String updateId = requiredText(update, "id");
      sink.event(
          Events.of(
              Ids.of(SOURCE, "update", updateId),
              incidentId,
              at,
              EventKind.STATUS_UPDATE,
              null,
              context.clean(htmlToText(text(update, "body").orElse(""))),
              SOURCE,
              updateId,
              Map.of("status", status, "audience", "customers")));
    }
    String status = text(record, "status").orElse("investigating");
    boolean done =
        status.equals("resolved") || status.equals("postmortem") || status.equals("completed");
    List<String> services = new ArrayList<>();
    JsonNode components = record.get("components");
    if (components != null && components.isArray()) {
      components.forEach(component -> text(component, "name").ifPresent(services::add));
    }
    Incident incident =
        new Incident(
            incidentId,
            SOURCE,
            id,
            Optional.empty(),
            Optional.empty(),
            title,
            Optional.empty(),
            severity(text(record, "impact").orElse(null)),
            text(record, "impact"),
            Optional.empty(),
            IncidentMode.REAL,
            done ? IncidentStatus.RESOLVED : IncidentStatus.ACTIVE,
            Optional.of(status),
            services,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Milestones(
                Fields.instant(record, "started_at"),
                Optional.empty(),
                created,
                Optional.ofNullable(identified),
                Optional.ofNullable(monitoring),
                Optional.ofNullable(resolved)
                    .or(() -> done ? Fields.instant(record, "resolved_at") : Optional.empty()),
                Optional.empty(),
                Optional.empty()),
            file);
    sink.incident(incident, Fields.instant(record, "updated_at"));
  }

  private static Instant when(JsonNode update) {
    return Fields.instant(update, "display_at")
        .or(() -> Fields.instant(update, "created_at"))
        .orElse(Instant.EPOCH);
  }
}
