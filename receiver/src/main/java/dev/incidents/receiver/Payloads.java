package dev.incidents.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.receiver.Signatures.Failure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What each endpoint accepts, checked before the body is spooled, so that a payload the ingest
 * could never read is answered 400 (not retried) instead of being acknowledged and lost later.
 */
public final class Payloads {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Payloads() {}

  /** The body as text: strict UTF-8, as JSON requires (RFC 8259 §8.1). */
  public static Optional<String> utf8(byte[] body) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Empty when {@code body} is a payload this endpoint accepts; else the one-line reason. */
  public static Optional<Failure> check(Endpoint endpoint, String body) {
    JsonNode payload;
    try {
      payload = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return malformed(
          "Malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (payload == null || !payload.isObject()) {
      return malformed("Malformed payload: expected a JSON object");
    }
    return switch (endpoint) {
      case ALERTMANAGER -> alerts(payload, "4", "Alertmanager webhook");
      case GRAFANA -> {
        if (!payload.has("version") && (payload.has("evalMatches") || payload.has("ruleId"))) {
          yield unknownVersion(
              "Unknown payload version: Grafana legacy alerting (no version); use unified alerting"
                  + " (version \"1\")");
        }
        yield alerts(payload, "1", "Grafana unified alerting");
      }
      case PAGERDUTY -> {
        if (payload.has("messages")) {
          yield unknownVersion(
              "Unknown payload version: a PagerDuty v1/v2 webhook (messages[]); subscribe with"
                  + " Webhooks v3");
        }
        JsonNode event = payload.get("event");
        if (event == null || !event.isObject()) {
          yield malformed("Malformed payload: expected a PagerDuty v3 event object at /event");
        }
        if (!event.path("event_type").isTextual() || !event.path("id").isTextual()) {
          yield malformed("Malformed payload: /event needs id and event_type strings");
        }
        yield Optional.empty();
      }
      case INCIDENTIO -> {
        JsonNode type = payload.get("event_type");
        if (type == null || !type.isTextual()) {
          yield malformed("Malformed payload: expected an incident.io event_type string");
        }
        if (!payload.path(type.asText()).isObject()) {
          yield malformed(
              "Malformed payload: no object under the event type key '" + type.asText() + "'");
        }
        yield Optional.empty();
      }
    };
  }

  private static Optional<Failure> alerts(JsonNode payload, String version, String what) {
    JsonNode given = payload.get("version");
    if (given == null) {
      return unknownVersion(
          "Unknown payload version: " + what + " without version (expected \"" + version + "\")");
    }
    if (!given.isTextual() || !given.asText().equals(version)) {
      return unknownVersion(
          "Unknown payload version "
              + given
              + ": "
              + what
              + " payloads are version \""
              + version
              + "\"");
    }
    if (!payload.path("alerts").isArray()) {
      return malformed("Malformed payload: expected an alerts array");
    }
    return Optional.empty();
  }

  private static Optional<Failure> malformed(String message) {
    return Optional.of(new Failure(RejectReason.MALFORMED_JSON, message));
  }

  private static Optional<Failure> unknownVersion(String message) {
    return Optional.of(new Failure(RejectReason.UNKNOWN_VERSION, message));
  }
}
