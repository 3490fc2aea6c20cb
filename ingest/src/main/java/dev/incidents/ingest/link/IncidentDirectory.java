package dev.incidents.ingest.link;

import dev.incidents.core.model.Incident;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links records across tools, as docs/data.md "Linking records across tools" defines: by incident
 * number (the configured primary incident source wins a shared number), by the incident tool's chat
 * channel id or name, then by the channel-name pattern, and by references such as INC-123.
 */
public final class IncidentDirectory {
  private final String primarySource;
  private final Pattern channelPattern;
  private final Pattern referencePattern;
  private final Map<Long, String> byNumber = new HashMap<>();
  private final Map<Long, String> numberSource = new HashMap<>();
  private final Map<String, String> byChannel = new HashMap<>();
  private final Map<String, String> bySourceId = new HashMap<>();
  private final Map<String, java.util.List<Object[]>> byTitle = new HashMap<>();

  public IncidentDirectory(String primarySource, Pattern channelPattern, Pattern referencePattern) {
    this.primarySource = primarySource;
    this.channelPattern = channelPattern;
    this.referencePattern = referencePattern;
  }

  /** Registers an incident the lake holds or this run read. */
  public synchronized void register(
      String incidentId,
      String source,
      String externalId,
      Long number,
      String channelId,
      String channelName) {
    bySourceId.put(source + ":" + externalId, incidentId);
    if (number != null) {
      String existing = numberSource.get(number);
      if (existing == null || (source.equals(primarySource) && !existing.equals(primarySource))) {
        byNumber.put(number, incidentId);
        numberSource.put(number, source);
      }
    }
    if (channelId != null) {
      byChannel.put("id:" + channelId, incidentId);
    }
    if (channelName != null) {
      byChannel.put("name:" + channelName, incidentId);
    }
  }

  public void register(Incident incident) {
    register(
        incident.incidentId(),
        incident.source(),
        incident.externalId(),
        incident.incidentNumber().orElse(null),
        incident.chatChannelId().orElse(null),
        incident.chatChannelName().orElse(null));
  }

  /**
   * The incident of the primary source that already holds this number, when the given source is not
   * the primary one: its record is then merged into that incident rather than duplicated.
   */
  public synchronized Optional<String> primaryFor(String source, long number) {
    if (source.equals(primarySource)) {
      return Optional.empty();
    }
    String owner = numberSource.get(number);
    return primarySource.equals(owner)
        ? Optional.ofNullable(byNumber.get(number))
        : Optional.empty();
  }

  /** Remembers an incident's title, for tools that share nothing but the title (Statuspage). */
  public synchronized void registerTitle(
      String incidentId, String title, java.time.Instant reportedAt) {
    byTitle
        .computeIfAbsent(normalize(title), t -> new java.util.ArrayList<>())
        .add(new Object[] {incidentId, reportedAt});
  }

  /** The incident with this exact title reported within a day of {@code at}, if exactly one. */
  public synchronized Optional<String> byTitle(String title, java.time.Instant at) {
    java.util.List<Object[]> candidates =
        byTitle.getOrDefault(normalize(title), java.util.List.of());
    java.util.Set<String> matches = new java.util.LinkedHashSet<>();
    for (Object[] candidate : candidates) {
      java.time.Instant reported = (java.time.Instant) candidate[1];
      if (Math.abs(java.time.Duration.between(reported, at).toHours()) <= 24) {
        matches.add((String) candidate[0]);
      }
    }
    return matches.size() == 1 ? Optional.of(matches.iterator().next()) : Optional.empty();
  }

  private static String normalize(String title) {
    return title.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
  }

  /** Maps another tool's id for an incident onto the canonical incident id. */
  public synchronized void alias(String source, String externalId, String incidentId) {
    bySourceId.put(source + ":" + externalId, incidentId);
  }

  public synchronized Optional<String> bySourceId(String source, String externalId) {
    return Optional.ofNullable(bySourceId.get(source + ":" + externalId));
  }

  public synchronized Optional<String> byNumber(long number) {
    return Optional.ofNullable(byNumber.get(number));
  }

  /** A reference such as {@code INC-123} or {@code incident-123}, by the configured pattern. */
  public Optional<String> byReference(String reference) {
    Matcher matcher = referencePattern.matcher(reference.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return byNumber(Long.parseLong(matcher.group(matcher.groupCount())));
  }

  public synchronized Optional<String> byChannel(String channelId, String channelName) {
    if (channelId != null && byChannel.containsKey("id:" + channelId)) {
      return Optional.of(byChannel.get("id:" + channelId));
    }
    if (channelName != null) {
      if (byChannel.containsKey("name:" + channelName)) {
        return Optional.of(byChannel.get("name:" + channelName));
      }
      Matcher matcher = channelPattern.matcher(channelName);
      if (matcher.find()) {
        return byNumber(Long.parseLong(matcher.group(1)));
      }
    }
    return Optional.empty();
  }
}
