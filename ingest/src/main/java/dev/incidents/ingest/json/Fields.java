package dev.incidents.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.RecordException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Typed access to one JSON record, failing with a precise, quarantinable message. */
public final class Fields {
  /** Longer text fields are rejected as TOO_LARGE rather than stored. */
  public static final int MAX_TEXT = 1_000_000;

  private Fields() {}

  /** The node at a dotted path, or null when any step is absent or null. */
  private static final java.util.Map<String, String[]> STEPS =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static JsonNode at(JsonNode node, String path) {
    if (path.indexOf('.') < 0) {
      JsonNode value = node == null || !node.isObject() ? null : node.get(path);
      return value == null || value.isNull() ? null : value;
    }
    JsonNode current = node;
    for (String step : STEPS.computeIfAbsent(path, p -> p.split("\\."))) {
      if (current == null || current.isNull() || !current.isObject()) {
        return null;
      }
      current = current.get(step);
    }
    return current == null || current.isNull() ? null : current;
  }

  public static Optional<String> text(JsonNode node, String path) {
    JsonNode value = at(node, path);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isContainerNode()) {
      throw new RecordException(
          IngestErrorCode.WRONG_TYPE,
          "Invalid "
              + path
              + ": expected a string, found "
              + value.getNodeType().name().toLowerCase());
    }
    String text = value.asText();
    if (text.length() > MAX_TEXT) {
      throw new RecordException(
          IngestErrorCode.TOO_LARGE,
          "Invalid " + path + ": " + text.length() + " characters, more than " + MAX_TEXT);
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  public static String requiredText(JsonNode node, String path) {
    return text(node, path)
        .filter(value -> !value.isBlank())
        .orElseThrow(
            () ->
                new RecordException(
                    IngestErrorCode.MISSING_FIELD, "Missing required field " + path));
  }

  public static Optional<Long> number(JsonNode node, String path) {
    JsonNode value = at(node, path);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isIntegralNumber()) {
      return Optional.of(value.asLong());
    }
    if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
      return Optional.of(Long.parseLong(value.asText()));
    }
    throw new RecordException(
        IngestErrorCode.WRONG_TYPE,
        "Invalid "
            + path
            + ": expected an integer, found '"
            + Timestamps.abbreviate(value.toString())
            + "'");
  }

  public static Optional<Boolean> bool(JsonNode node, String path) {
    JsonNode value = at(node, path);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.asBoolean());
    }
    throw new RecordException(
        IngestErrorCode.WRONG_TYPE,
        "Invalid "
            + path
            + ": expected a boolean, found '"
            + Timestamps.abbreviate(value.toString())
            + "'");
  }

  public static Optional<Instant> instant(JsonNode node, String path, ZoneId zoneless) {
    return text(node, path).map(value -> Timestamps.iso(path, value, zoneless));
  }

  public static Optional<Instant> instant(JsonNode node, String path) {
    return instant(node, path, null);
  }

  public static Instant requiredInstant(JsonNode node, String path) {
    return Timestamps.iso(path, requiredText(node, path));
  }
}
