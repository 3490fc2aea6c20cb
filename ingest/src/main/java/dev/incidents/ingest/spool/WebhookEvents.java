package dev.incidents.ingest.spool;

import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.json.Fields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty Webhooks v3 and incident.io webhook events, stored as timeline events of their
 * incident. A webhook is a trigger, never the truth (neither vendor guarantees the order), so an
 * event only adds a timeline entry keyed by the vendor's event id (a re-delivery replaces it); it
 * never writes the incident row, which comes from the export or the API.
 */
final class WebhookEvents {
  private WebhookEvents() {}

  /** {@code {"event":{id, event_type, resource_type, occurred_at, agent, data}}}. */
  static void pagerDuty(
      JsonNode payload,
      Instant receivedAt,
      Optional<String> deliveryId,
      IngestContext context,
      RecordSink sink) {
    JsonNode event = payload.path("event");
    String id = Fields.requiredText(event, "id");
    String type = Fields.requiredText(event, "event_type");
    if (!text(event, "resource_type").orElse("").equals("incident")) {
      throw new RecordException(
          IngestErrorCode.UNKNOWN_VALUE,
          "Unsupported PagerDuty webhook resource_type '"
              + text(event, "resource_type").orElse("")
              + "' ("
              + type
              + "): subscribe to incident events only");
    }
    JsonNode data = event.path("data");
    String vendorIncident = pagerDutyIncident(data);
    String incidentId = Ids.of("pagerduty", "incident", vendorIncident);
    Instant at = Fields.instant(event, "occurred_at").orElse(receivedAt);
    EventKind kind =
        switch (type) {
          case "incident.triggered" -> EventKind.PAGED;
          case "incident.acknowledged" -> EventKind.ACKNOWLEDGED;
          case "incident.resolved" -> EventKind.RESOLVED;
          case "incident.reopened" -> EventKind.REOPENED;
          case "incident.escalated", "incident.delegated" -> EventKind.ESCALATED;
          case "incident.reassigned" -> EventKind.ROLE_ASSIGNED;
          case "incident.priority_updated" -> EventKind.SEVERITY_CHANGED;
          case "incident.status_update_published" -> EventKind.STATUS_UPDATE;
          default -> EventKind.NOTE;
        };
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("webhook_event_type", type);
    attributes.put("received_at", receivedAt.toString());
    deliveryId.ifPresent(value -> attributes.put("delivery_id", value));
    text(data, "status").ifPresent(value -> attributes.put("pagerduty_status", value));
    String description =
        type.equals("incident.annotated")
            ? text(data, "content").map(context::clean).orElse(null)
            : text(data, "title").orElse(type);
    sink.event(
        Events.of(
            Ids.of("pagerduty", "webhook_event", id),
            incidentId,
            at,
            kind,
            text(event, "agent.summary").orElse(null),
            description,
            "pagerduty",
            id,
            attributes));
  }

  /** The PagerDuty incident a v3 event's {@code data} names (an incident, or a note's incident). */
  static String pagerDutyIncident(JsonNode data) {
    return text(data, "type").orElse("incident").equals("incident")
        ? Fields.requiredText(data, "id")
        : Fields.requiredText(data, "incident.id");
  }

  /** The incident.io incident an event names, if any. */
  static Optional<String> incidentIoIncident(JsonNode payload) {
    String type = text(payload, "event_type").orElse("");
    JsonNode object = payload.get(type);
    if (type.isEmpty() || object == null || !object.isObject()) {
      return Optional.empty();
    }
    return text(object, "incident.id")
        .or(() -> text(object, "incident_id"))
        .or(() -> type.contains(".incident_") ? text(object, "id") : Optional.empty());
  }

  /** {@code {"event_type": T, T: {…}}}; the event id is the delivery's {@code webhook-id}. */
  static void incidentIo(
      JsonNode payload,
      Instant receivedAt,
      Optional<String> deliveryId,
      IngestContext context,
      RecordSink sink) {
    String type = Fields.requiredText(payload, "event_type");
    JsonNode object = payload.get(type);
    if (object == null || !object.isObject()) {
      throw new RecordException(
          IngestErrorCode.MISSING_FIELD, "Missing required field '" + type + "'");
    }
    Optional<String> vendorIncident = incidentIoIncident(payload);
    if (vendorIncident.isEmpty()) {
      throw new RecordException(
          IngestErrorCode.UNLINKED,
          "Unsupported incident.io webhook '" + type + "': it names no incident");
    }
    String incidentId = Ids.of("incidentio", "incident", vendorIncident.get());
    String eventKey = deliveryId.orElseGet(() -> sha256(payload.toString()));
    EventKind kind;
    if (type.endsWith("incident_created_v2")) {
      kind = EventKind.DECLARED;
    } else if (type.endsWith("incident_status_updated_v2")) {
      kind = EventKind.STATUS_CHANGED;
    } else if (type.contains("alert_created")) {
      kind = EventKind.ALERT_FIRED;
    } else {
      kind = EventKind.NOTE;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("webhook_event_type", type);
    attributes.put("received_at", receivedAt.toString());
    text(object, "new_status.name").ifPresent(value -> attributes.put("status", value));
    text(object, "new_status.category")
        .ifPresent(value -> attributes.put("status_category", value));
    Instant at =
        Fields.instant(object, "incident.updated_at")
            .or(() -> Fields.instant(object, "updated_at"))
            .orElse(receivedAt);
    sink.event(
        Events.of(
            Ids.of("incidentio", "webhook_event", eventKey),
            incidentId,
            at,
            kind,
            null,
            text(object, "incident.name").or(() -> text(object, "title")).orElse(type),
            "incidentio",
            eventKey,
            attributes));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
