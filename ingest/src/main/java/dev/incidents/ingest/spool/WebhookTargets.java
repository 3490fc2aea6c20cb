package dev.incidents.ingest.spool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.ingest.json.JsonRecords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The incidents that the PagerDuty and incident.io webhook events of closed spool segments name,
 * each with the latest {@code received_at} of its events: what a targeted pull fetches after {@code
 * incidents ingest SPOOL_DIR}. Reads only files whose first line is a spool line ({@code spool},
 * {@code endpoint}, {@code body}), never dot files (the open segment, torn bytes); a line the
 * ingest quarantines names no incident here either.
 */
public final class WebhookTargets {
  private WebhookTargets() {}

  /** endpoint ({@code pagerduty}, {@code incidentio}) → vendor incident id → latest received_at. */
  public static Map<String, Map<String, Instant>> scan(List<Path> inputs) {
    Map<String, Map<String, Instant>> targets = new TreeMap<>();
    for (Path input : inputs) {
      for (Path file : files(input)) {
        read(file, targets);
      }
    }
    return targets;
  }

  private static List<Path> files(Path input) {
    if (Files.isRegularFile(input)) {
      return segment(input) ? List.of(input) : List.of();
    }
    if (!Files.isDirectory(input)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(input)) {
      List<Path> files = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .filter(file -> !hidden(input.relativize(file)))
          .filter(WebhookTargets::segment)
          .sorted()
          .forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + input, e);
    }
  }

  /** Spool segments are JSON Lines files ({@code segment-N.jsonl}); anything else is not one. */
  private static boolean segment(Path file) {
    return file.getFileName().toString().endsWith(".jsonl");
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void read(Path file, Map<String, Map<String, Instant>> targets) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      boolean first = true;
      while ((text = reader.readLine()) != null) {
        if (text.isBlank()) {
          continue;
        }
        JsonNode line;
        try {
          line = JsonRecords.MAPPER.readTree(text);
        } catch (IOException e) {
          if (first) {
            return; // not a spool segment
          }
          continue; // quarantined by the ingest
        }
        if (first && !(line.has("spool") && line.has("endpoint") && line.has("body"))) {
          return;
        }
        first = false;
        String endpoint = line.path("endpoint").asText("");
        if (!endpoint.equals("pagerduty") && !endpoint.equals("incidentio")) {
          continue;
        }
        try {
          Instant received = Instant.parse(line.path("received_at").asText(""));
          JsonNode payload = JsonRecords.MAPPER.readTree(line.path("body").asText(""));
          String incident =
              endpoint.equals("pagerduty")
                  ? WebhookEvents.pagerDutyIncident(payload.path("event").path("data"))
                  : WebhookEvents.incidentIoIncident(payload).orElse(null);
          if (incident != null) {
            targets
                .computeIfAbsent(endpoint, key -> new TreeMap<>())
                .merge(incident, received, (a, b) -> a.isAfter(b) ? a : b);
          }
        } catch (IOException | RuntimeException e) {
          // the ingest quarantines this line with its reason; it names no incident to pull
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      // not UTF-8 text, so not a spool segment (the ingest reports the file)
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
