package dev.incidents.ingest.postmortems;

import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Markdown post-mortems with front matter ({@code incident}, {@code status}, {@code published_at}).
 * Each becomes a {@code milestone} event named {@code postmortem_published} on its incident; the
 * transform uses it where the incident tool recorded no publication time.
 */
public final class PostmortemReader implements SourceReader {
  public static final String SOURCE = "postmortems";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    String text;
    try (InputStream stream = input.open()) {
      byte[] bytes = stream.readNBytes(4 * 1024 * 1024);
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_JSON,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
      return;
    }
    sink.read();
    try {
      Map<String, String> front = frontMatter(text);
      String reference =
          Optional.ofNullable(front.get("incident"))
              .filter(s -> !s.isBlank())
              .orElseThrow(
                  () ->
                      new RecordException(
                          IngestErrorCode.MISSING_FIELD,
                          "Missing required front-matter field incident"));
      String normalizedReference = reference.matches("\\d+") ? "INC-" + reference : reference;
      long number =
          context
              .referenceNumber(normalizedReference)
              .orElseThrow(
                  () ->
                      new RecordException(
                          IngestErrorCode.UNLINKED,
                          "Invalid incident: '"
                              + reference
                              + "' is not an incident reference (linking.jira-pattern)"));
      // The post-mortem's own key for its incident; the transform links it (incident_links).
      String incidentId = IngestContext.referenceKey(SOURCE, number);
      String status = front.getOrDefault("status", "draft");
      Optional<Instant> published =
          Optional.ofNullable(front.get("published_at"))
              .filter(s -> !s.isBlank())
              .map(value -> Timestamps.iso("published_at", value));
      if (published.isEmpty()) {
        return; // a draft: nothing to record until it is published
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("name", "postmortem_published");
      attributes.put("status", status);
      attributes.put("file", input.name());
      sink.event(
          Events.of(
              Ids.of(SOURCE, "published", reference),
              incidentId,
              published.get(),
              EventKind.MILESTONE,
              null,
              front.get("title"),
              SOURCE,
              input.name(),
              attributes));
    } catch (RecordException e) {
      sink.reject(
          "front matter",
          e.code(),
          e.getMessage(),
          text.length() > 500 ? text.substring(0, 500) : text);
    }
  }

  static Map<String, String> frontMatter(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = text.replace("\r\n", "\n").split("\n");
    if (lines.length == 0 || !lines[0].trim().equals("---")) {
      throw new RecordException(
          IngestErrorCode.MISSING_FIELD, "Missing front matter: the file does not start with ---");
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.trim().equals("---")) {
        return values;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith(" ")) {
        String value = line.substring(colon + 1).trim();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), value);
      }
    }
    throw new RecordException(IngestErrorCode.TRUNCATED, "Invalid front matter: no closing ---");
  }
}
