package dev.incidents.ingest;

import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.TimelineEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Short-hand for building timeline events. */
public final class Events {
  private Events() {}

  public static TimelineEvent of(
      String eventId,
      String incidentId,
      Instant at,
      EventKind kind,
      String actor,
      String text,
      String source,
      String originId,
      Map<String, String> attributes) {
    return new TimelineEvent(
        eventId,
        Optional.ofNullable(incidentId),
        at,
        kind,
        Optional.ofNullable(actor),
        Optional.ofNullable(text),
        source,
        Optional.ofNullable(originId),
        attributes);
  }
}
