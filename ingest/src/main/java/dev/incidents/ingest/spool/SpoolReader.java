package dev.incidents.ingest.spool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Page;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.Service;
import dev.incidents.core.model.TimelineEvent;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.alertmanager.AlertmanagerReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.JsonRecords;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A closed spool segment of {@code incidents receive}: one line per acknowledged request, {@code
 * {"spool":1,"endpoint":…,"received_at":…,"delivery_id"?:…,"body":"<raw body>"}}. Each body goes to
 * the reader of its endpoint: Alertmanager and Grafana payloads to the existing {@link
 * AlertmanagerReader} (so a re-delivery upserts onto the same alert, one per fingerprint and
 * startsAt), PagerDuty Webhooks v3 and incident.io events to {@link WebhookEvents}, which stores
 * each event as a timeline event. Positions in the quarantine are {@code line N} plus the pointer
 * inside the body.
 *
 * <p>The segment being written ({@code .open-segment-…}) and torn bytes moved aside at recovery
 * ({@code .torn-segment-…}) are dot files, which ingest never reads.
 */
public final class SpoolReader implements SourceReader {
  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    try (InputStream stream = input.open();
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        line(input, number, text, context, new PositionedSink(sink, "line " + number));
      }
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_JSON,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
    }
  }

  private static void line(
      Input input, int number, String text, IngestContext context, RecordSink sink) {
    JsonNode line;
    try {
      line = JsonRecords.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      sink.read();
      sink.reject(
          "",
          IngestErrorCode.MALFORMED_JSON,
          "Invalid spool line: " + e.getOriginalMessage(),
          text);
      return;
    }
    String endpoint = line.path("endpoint").asText("");
    JsonNode body = line.get("body");
    Instant receivedAt;
    try {
      receivedAt = Instant.parse(line.path("received_at").asText(""));
    } catch (DateTimeParseException e) {
      sink.read();
      sink.reject("", IngestErrorCode.BAD_TIMESTAMP, "Invalid spool line: bad received_at", text);
      return;
    }
    if (line.path("spool").asInt() != 1 || body == null || !body.isTextual()) {
      sink.read();
      sink.reject(
          "",
          IngestErrorCode.UNKNOWN_VALUE,
          "Invalid spool line: expected spool 1 with a body string",
          text);
      return;
    }
    byte[] raw = body.asText().getBytes(StandardCharsets.UTF_8);
    Optional<String> deliveryId =
        Optional.ofNullable(line.get("delivery_id")).map(JsonNode::asText);
    switch (endpoint) {
      case "alertmanager", "grafana" ->
          new AlertmanagerReader(endpoint, Optional.of(receivedAt))
              .read(
                  new Input(
                      input.name() + " line " + number,
                      raw.length,
                      () -> new ByteArrayInputStream(raw)),
                  context,
                  sink);
      case "pagerduty", "incidentio" -> {
        sink.read();
        try {
          JsonNode event = JsonRecords.MAPPER.readTree(raw);
          if (endpoint.equals("pagerduty")) {
            WebhookEvents.pagerDuty(event, receivedAt, deliveryId, context, sink);
          } else {
            WebhookEvents.incidentIo(event, receivedAt, deliveryId, context, sink);
          }
        } catch (IOException e) {
          sink.reject("", IngestErrorCode.MALFORMED_JSON, "Invalid body: " + e.getMessage(), text);
        } catch (RecordException e) {
          sink.reject("", e.code(), e.getMessage(), body.asText());
        } catch (IllegalArgumentException e) {
          sink.reject(
              "", IngestErrorCode.UNKNOWN_VALUE, "Invalid event: " + e.getMessage(), body.asText());
        }
      }
      default -> {
        sink.read();
        sink.reject(
            "",
            IngestErrorCode.UNKNOWN_VALUE,
            "Invalid spool line: unknown endpoint '" + endpoint + "'",
            text);
      }
    }
  }

  /** Puts the spool line in front of every quarantine position. */
  private record PositionedSink(RecordSink sink, String prefix) implements RecordSink {
    @Override
    public void incident(Incident incident) {
      sink.incident(incident);
    }

    @Override
    public void event(TimelineEvent event) {
      sink.event(event);
    }

    @Override
    public void alert(Alert alert) {
      sink.alert(alert);
    }

    @Override
    public void page(Page page) {
      sink.page(page);
    }

    @Override
    public void message(ChatMessage message) {
      sink.message(message);
    }

    @Override
    public void actionItem(ActionItem item) {
      sink.actionItem(item);
    }

    @Override
    public void person(Person person) {
      sink.person(person);
    }

    @Override
    public void service(Service service) {
      sink.service(service);
    }

    @Override
    public void read() {
      sink.read();
    }

    @Override
    public void ignore(String path) {
      sink.ignore(path);
    }

    @Override
    public void observe(String observation) {
      sink.observe(observation);
    }

    @Override
    public void unmapped(String path) {
      sink.unmapped(path);
    }

    @Override
    public void reject(String position, IngestErrorCode code, String message, String raw) {
      sink.reject(prefix + (position.equals("/") ? "" : position), code, message, raw);
    }
  }
}
