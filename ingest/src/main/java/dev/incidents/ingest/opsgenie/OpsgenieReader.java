package dev.incidents.ingest.opsgenie;

import static dev.incidents.ingest.json.Fields.requiredText;
import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opsgenie alerts: the list API ({@code {data: [...]}}, ISO times) and outgoing webhooks, whose
 * {@code createdAt} is in milliseconds and {@code updatedAt} in nanoseconds in the same object, so
 * the unit is told by magnitude. A close is never taken as an acknowledgement.
 */
public final class OpsgenieReader implements SourceReader {
  public static final String SOURCE = "opsgenie";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    Map<String, String> envelope = JsonRecords.envelope(input);
    if (envelope.containsKey("action")) {
      JsonNode document;
      try {
        document = JsonRecords.readSmall(input);
      } catch (java.io.IOException e) {
        sink.reject(
            "/",
            IngestErrorCode.MALFORMED_JSON,
            "Cannot parse " + input.name() + ": " + e.getMessage(),
            "");
        return;
      }
      sink.read();
      JsonRecords.applyOne(document, "/", sink, (record, pointer) -> webhook(record, sink));
      return;
    }
    JsonRecords.forEach(input, sink, Set.of("data"), (record, pointer) -> listed(record, sink));
  }

  private static Instant epoch(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field " + field);
    }
    if (value.isIntegralNumber()) {
      return Timestamps.epochByMagnitude(field, value.asLong());
    }
    return Timestamps.iso(field, value.asText());
  }

  private static void webhook(JsonNode record, RecordSink sink) {
    String action = requiredText(record, "action");
    JsonNode alert = record.get("alert");
    if (alert == null || !alert.isObject()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field alert");
    }
    String id = requiredText(alert, "alertId");
    Instant created = epoch(alert, "createdAt");
    Instant updated = alert.has("updatedAt") ? epoch(alert, "updatedAt") : created;
    String alertId = Ids.of(SOURCE, "alert", id);
    Optional<Instant> resolved =
        action.equalsIgnoreCase("Close") ? Optional.of(updated) : Optional.empty();
    String message = text(alert, "message").orElse(id);
    sink.alert(
        new Alert(
            alertId,
            SOURCE,
            text(alert, "alias"),
            Optional.of(message),
            Optional.of(message),
            text(alert, "entity").filter(s -> !s.isBlank()),
            text(alert, "priority"),
            Optional.of(resolved.isPresent() ? "closed" : "open"),
            created,
            resolved,
            Optional.empty(),
            Map.of("action", action)));
    if (action.equalsIgnoreCase("Acknowledge")) {
      sink.event(
          Events.of(
              Ids.of(SOURCE, "ack", id + "@" + updated),
              null,
              updated,
              EventKind.ACKNOWLEDGED,
              text(alert, "username").orElse(null),
              message,
              SOURCE,
              alertId,
              Map.of()));
    }
  }

  private static void listed(JsonNode record, RecordSink sink) {
    String id = requiredText(record, "id");
    Instant created = Fields.requiredInstant(record, "createdAt");
    String status = text(record, "status").orElse("open");
    Optional<Instant> closed =
        status.equals("closed")
            ? Fields.number(record, "report.closeTime")
                .map(ms -> created.plusMillis(ms))
                .or(() -> Fields.instant(record, "updatedAt"))
            : Optional.empty();
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode tags = record.get("tags");
    if (tags != null && tags.isArray()) {
      for (JsonNode tag : tags) {
        String value = tag.asText();
        int colon = value.indexOf(':');
        if (colon > 0) {
          labels.put(value.substring(0, colon), value.substring(colon + 1));
        } else {
          labels.put("tag." + value, "true");
        }
      }
    }
    String message = text(record, "message").orElse(id);
    sink.alert(
        new Alert(
            Ids.of(SOURCE, "alert", id),
            SOURCE,
            text(record, "alias"),
            Optional.of(message),
            Optional.of(message),
            Optional.ofNullable(labels.get("service"))
                .or(() -> text(record, "entity").filter(s -> !s.isBlank())),
            text(record, "priority"),
            Optional.of(status),
            created,
            closed,
            Optional.empty(),
            labels));
    Optional<Long> ackTime = Fields.number(record, "report.ackTime");
    if (ackTime.isPresent() && record.path("acknowledged").asBoolean(false)) {
      sink.event(
          Events.of(
              Ids.of(SOURCE, "ack", id),
              null,
              created.plusMillis(ackTime.get()),
              EventKind.ACKNOWLEDGED,
              text(record, "report.acknowledgedBy").orElse(null),
              message,
              SOURCE,
              Ids.of(SOURCE, "alert", id),
              Map.of()));
    }
  }
}
