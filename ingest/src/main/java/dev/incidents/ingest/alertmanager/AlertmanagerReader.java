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
  /**
   * The top-level payload fields this reader uses; the rest (groupLabels, commonLabels,
   * commonAnnotations, externalURL, groupKey) repeat the alerts' own and are skipped unbuilt.
   */
  private static final java.util.Set<String> PAYLOAD_FIELDS =
      java.util.Set.of("alerts", "status", "version", "ruleName", "state", "evalMatches", "ruleId");

  private final String source;
  private final Optional<Instant> receivedAt;

  public AlertmanagerReader(String source) {
    this(source, Optional.empty());
  }

  /** A reader of payloads received at a known time ({@code incidents receive}'s spool). */
  public AlertmanagerReader(String source, Optional<Instant> receivedAt) {
    this.source = source;
    this.receivedAt = receivedAt;
  }

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    if (isJsonLines(input)) {
      JsonRecords.forEachLine(
          input, sink, PAYLOAD_FIELDS, (payload, position) -> payload(payload, position, sink));
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
          var location = e.getLocation();
          sink.reject(
              "/",
              IngestErrorCode.MALFORMED_JSON,
              "Cannot parse "
                  + input.name()
                  + ": "
                  + e.getOriginalMessage()
                  + (location == null
                      ? ""
                      : " at line " + location.getLineNr() + ", column " + location.getColumnNr()),
              "");
          return;
        }
        if (payload == null || payload.isMissingNode()) {
          sink.reject(
              "/",
              IngestErrorCode.TRUNCATED,
              "Cannot parse " + input.name() + ": the file is empty",
              "");
          return;
        }
        if (!payload.isObject()) {
          sink.reject(
              "/",
              IngestErrorCode.MALFORMED_JSON,
              "Cannot parse " + input.name() + ": expected one webhook payload object",
              "");
          return;
        }
        try {
          payload(payload, "", sink);
        } catch (RecordException e) {
          sink.reject("/", e.code(), e.getMessage(), "");
        }
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

  /** What Alertmanager's and Grafana's docs call a resolved alert's status. */
  private static boolean resolvedStatus(String status) {
    return status.equals("resolved") || status.equals("ok");
  }

  /** The observation counted when one payload holds alerts with one fingerprint, other labels. */
  public static final String FINGERPRINT_COLLISION =
      "alert(s) sharing a fingerprint with other labels in one payload, kept as separate alerts";

  /** The zero time Go marshals for an unset {@code endsAt}. */
  private static boolean zeroTime(String value) {
    return value.startsWith("0001-01-01");
  }

  /**
   * Whether a payload is Grafana's legacy (dashboard) alerting webhook, Grafana before 8 (and 8-10
   * with legacy alerting): {@code ruleId}, {@code ruleName}, {@code state}, {@code evalMatches}, no
   * {@code alerts}.
   */
  public static boolean grafanaLegacy(JsonNode payload) {
    return !payload.has("alerts")
        && payload.has("ruleName")
        && payload.has("state")
        && (payload.has("evalMatches") || payload.has("ruleId"));
  }

  private void payload(JsonNode payload, String position, RecordSink sink) {
    if (grafanaLegacy(payload)) {
      // Grafana's legacy alerting webhook (docs: grafana.com/docs/grafana/v7.5/alerting/
      // notifications, "Webhook") carries a rule's state but no time, no fingerprint and no
      // labels: an alert firing cannot be dated or matched to its resolution from the payload.
      throw new RecordException(
          IngestErrorCode.UNSUPPORTED_FORMAT,
          "Unsupported Grafana legacy alerting webhook (Grafana before 8, rule '"
              + text(payload, "ruleName").orElse("")
              + "', state '"
              + text(payload, "state").orElse("")
              + "'): it carries no alert times; send Grafana 8+ unified alerting webhooks");
    }
    JsonNode alerts = payload.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field alerts");
    }
    Optional<String> groupStatus = text(payload, "status");
    // The payload's own time evidence, for the resolve time of a resolved alert whose endsAt is
    // the zero time and for the Resolved() rule of alerts without status: the receipt time when
    // the payload came through incidents receive, else the latest endsAt of the payload's other
    // resolved alerts (Alertmanager sends a group once all its resolved alerts have ended), else
    // the latest startsAt (the payload was sent after every alert in it started).
    Instant latestStart = null;
    Instant latestEnd = null;
    Map<String, java.util.Set<Map<String, String>>> labelSets = new LinkedHashMap<>();
    for (JsonNode alert : alerts) {
      Optional<Instant> startsAt = lenientInstant(alert, "startsAt");
      if (startsAt.isPresent() && (latestStart == null || startsAt.get().isAfter(latestStart))) {
        latestStart = startsAt.get();
      }
      boolean resolved =
          resolvedStatus(
              text(alert, "status")
                  .or(() -> groupStatus.filter(AlertmanagerReader::resolvedStatus))
                  .orElse("firing"));
      Optional<Instant> endsAt = lenientInstant(alert, "endsAt");
      if (resolved
          && endsAt.isPresent()
          && (latestEnd == null || endsAt.get().isAfter(latestEnd))) {
        latestEnd = endsAt.get();
      }
      Optional<String> fingerprint =
          alerts.size() > 1 ? text(alert, "fingerprint") : Optional.empty();
      JsonNode labels = alert.get("labels");
      if (fingerprint.isPresent() && labels != null && labels.isObject()) {
        labelSets
            .computeIfAbsent(fingerprint.get(), key -> new java.util.HashSet<>())
            .add(labels(labels));
      }
    }
    Evidence evidence;
    if (receivedAt.isPresent()) {
      evidence = new Evidence(receivedAt.get(), "received_at");
    } else if (latestEnd != null) {
      evidence = new Evidence(latestEnd, "payload_latest_ends_at");
    } else if (latestStart != null) {
      evidence = new Evidence(latestStart, "payload_latest_starts_at");
    } else {
      evidence = null;
    }
    int index = 0;
    for (JsonNode alert : alerts) {
      String pointer = position + "/alerts/" + index++;
      try {
        String fingerprint = text(alert, "fingerprint").orElse(null);
        boolean collides =
            fingerprint != null
                && labelSets.getOrDefault(fingerprint, java.util.Set.of()).size() > 1;
        if (collides) {
          sink.observe(FINGERPRINT_COLLISION);
        }
        alert(alert, groupStatus, evidence, collides, sink);
      } catch (RecordException e) {
        sink.reject(pointer, e.code(), e.getMessage(), alert.toString());
      }
    }
  }

  /** A time of the payload and which field it came from. */
  private record Evidence(Instant at, String source) {}

  private static Optional<Instant> lenientInstant(JsonNode alert, String field) {
    try {
      return text(alert, field)
          .filter(value -> !zeroTime(value))
          .map(value -> Timestamps.iso(field, value));
    } catch (RuntimeException e) {
      return Optional.empty(); // reported by the alert's own pass
    }
  }

  private static Map<String, String> labels(JsonNode labelNode) {
    Map<String, String> labels = new java.util.TreeMap<>();
    labelNode
        .fields()
        .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
    return labels;
  }

  private void alert(
      JsonNode alert,
      Optional<String> groupStatus,
      Evidence evidence,
      boolean fingerprintCollides,
      RecordSink sink) {
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
    Optional<Instant> ends =
        text(alert, "endsAt")
            .filter(value -> !zeroTime(value))
            .map(value -> Timestamps.iso("endsAt", value));
    // The per-alert status is authoritative (Alertmanager's webhook sends one per alert, as does
    // Grafana); else a group status "resolved"; else Alertmanager's own Alert.Resolved() rule
    // (prometheus/alertmanager types.Alert.ResolvedAt): an endsAt that is not the zero time and
    // not after the reference time, here the payload's time evidence.
    // A group's "firing" only says that one of its alerts fires, so it decides nothing per alert;
    // its "resolved" says that all have.
    Optional<String> status =
        text(alert, "status").or(() -> groupStatus.filter(AlertmanagerReader::resolvedStatus));
    Optional<Instant> resolved;
    String resolvedSource = null;
    if (status.isPresent()) {
      if (resolvedStatus(status.get())) {
        if (ends.isPresent()) {
          resolved = ends;
          resolvedSource = "ends_at";
        } else if (evidence != null) {
          // resolved with endsAt the zero time: resolved, at the payload's time evidence
          resolved = Optional.of(evidence.at().isBefore(starts) ? starts : evidence.at());
          resolvedSource = evidence.source();
        } else {
          resolved = Optional.of(starts);
          resolvedSource = "starts_at";
        }
      } else {
        resolved = Optional.empty();
      }
    } else if (ends.isPresent() && evidence != null && !ends.get().isAfter(evidence.at())) {
      resolved = ends;
      resolvedSource = "ends_at_past";
    } else {
      resolved = Optional.empty();
    }
    Map<String, String> all = new LinkedHashMap<>(labels);
    JsonNode annotations = alert.get("annotations");
    if (annotations != null && annotations.isObject()) {
      annotations
          .fields()
          .forEachRemaining(
              annotation ->
                  all.put("annotation." + annotation.getKey(), annotation.getValue().asText()));
    }
    if (resolvedSource != null && !resolvedSource.equals("ends_at")) {
      all.put("ingest.resolved_source", resolvedSource);
    }
    String rule =
        labels.getOrDefault("alertname", text(alert, "annotations.summary").orElse("unnamed"));
    // A fingerprint is an identity hint: alerts of one payload that share it but not their labels
    // are kept apart by the Prometheus fingerprint of their own labels.
    String identity =
        fingerprintCollides ? fingerprint + "+" + AlertFingerprint.of(labels) : fingerprint;
    sink.alert(
        new Alert(
            Ids.of(source, "alert", identity + "@" + starts),
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
