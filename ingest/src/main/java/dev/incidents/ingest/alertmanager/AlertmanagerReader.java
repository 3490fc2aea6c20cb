package dev.incidents.ingest.alertmanager;

import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.AlertFingerprint;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager webhook payloads (version 4), one per file or one per line; Grafana's unified
 * alerting payload (version 1) has the same alerts. One firing is (fingerprint, startsAt): an
 * identical re-delivery is the same alert, and a resolved re-delivery sets its {@code resolved_at}.
 * Payloads from before Alertmanager 0.19 carry no fingerprint; it is computed from the labels as
 * Prometheus does.
 */
public final class AlertmanagerReader implements SourceReader {
  private final String source;

  public AlertmanagerReader(String source) {
    this.source = source;
  }

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    if (isJsonLines(input)) {
      JsonRecords.forEachLine(input, sink, (payload, position) -> payload(payload, position, sink));
    } else {
      try (InputStream stream = input.open()) {
        sink.read();
        JsonNode payload;
        try {
          payload = JsonRecords.MAPPER.readTree(stream);
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
          sink.reject(
              "/",
              IngestErrorCode.TRUNCATED,
              "Cannot parse " + input.name() + ": the file ends mid-record",
              "");
          return;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          sink.reject(
              "/",
              IngestErrorCode.MALFORMED_JSON,
              "Cannot parse " + input.name() + ": " + e.getOriginalMessage(),
              "");
          return;
        }
        if (payload == null || !payload.isObject()) {
          sink.reject(
              "/",
              IngestErrorCode.MALFORMED_JSON,
              "Cannot parse " + input.name() + ": expected one webhook payload object",
              "");
          return;
        }
        payload(payload, "", sink);
      } catch (IOException e) {
        sink.reject(
            "/",
            IngestErrorCode.MALFORMED_JSON,
            "Cannot read " + input.name() + ": " + e.getMessage(),
            "");
      } catch (dev.incidents.ingest.input.UnsafeInputException e) {
        sink.reject("/", e.code(), e.getMessage(), "");
      }
    }
  }

  /** A file whose first two non-blank lines each start a JSON object is JSON Lines. */
  private static boolean isJsonLines(Input input) {
    try (InputStream stream = input.open()) {
      String head =
          new String(stream.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
      String[] lines = head.strip().split("\n", 3);
      return lines.length >= 2
          && lines[0].strip().startsWith("{")
          && lines[0].strip().endsWith("}")
          && lines[1].strip().startsWith("{");
    } catch (IOException e) {
      return false;
    }
  }

  private void payload(JsonNode payload, String position, RecordSink sink) {
    JsonNode alerts = payload.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field alerts");
    }
    String groupStatus = text(payload, "status").orElse("firing");
    int index = 0;
    for (JsonNode alert : alerts) {
      String pointer = position + "/alerts/" + index++;
      try {
        alert(alert, groupStatus, sink);
      } catch (RecordException e) {
        sink.reject(pointer, e.code(), e.getMessage(), alert.toString());
      }
    }
  }

  private void alert(JsonNode alert, String groupStatus, RecordSink sink) {
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode labelNode = alert.get("labels");
    if (labelNode == null || !labelNode.isObject()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field labels");
    }
    labelNode
        .fields()
        .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
    String fingerprint = text(alert, "fingerprint").orElseGet(() -> AlertFingerprint.of(labels));
    String startsText =
        text(alert, "startsAt")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field startsAt"));
    Instant starts = Timestamps.iso("startsAt", startsText);
    Optional<String> endsText =
        text(alert, "endsAt").filter(value -> !value.startsWith("0001-01-01"));
    String status = text(alert, "status").orElse(groupStatus);
    Optional<Instant> resolved =
        status.equals("resolved") || status.equals("ok")
            ? endsText.map(value -> Timestamps.iso("endsAt", value))
            : Optional.empty();
    Map<String, String> all = new LinkedHashMap<>(labels);
    JsonNode annotations = alert.get("annotations");
    if (annotations != null && annotations.isObject()) {
      annotations
          .fields()
          .forEachRemaining(
              annotation ->
                  all.put("annotation." + annotation.getKey(), annotation.getValue().asText()));
    }
    String rule =
        labels.getOrDefault("alertname", text(alert, "annotations.summary").orElse("unnamed"));
    sink.alert(
        new Alert(
            Ids.of(source, "alert", fingerprint + "@" + starts),
            source,
            Optional.of(fingerprint),
            Optional.of(rule),
            Optional.of(text(alert, "annotations.summary").orElse(rule)),
            Optional.ofNullable(labels.getOrDefault("service", labels.get("job"))),
            Optional.ofNullable(labels.get("severity")),
            Optional.of(resolved.isPresent() ? "resolved" : "firing"),
            starts,
            resolved,
            Optional.empty(),
            all));
  }
}
