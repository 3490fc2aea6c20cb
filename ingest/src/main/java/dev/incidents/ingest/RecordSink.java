package dev.incidents.ingest;

import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Page;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.Service;
import dev.incidents.core.model.TimelineEvent;

/** Where converters put canonical records and rejections. */
public interface RecordSink {
  void incident(Incident incident);

  /**
   * An incident with the source's own last-update time: of two versions of one record (two exports
   * downloaded on different days, ingested in any order), the later one wins.
   */
  default void incident(Incident incident, java.util.Optional<java.time.Instant> updatedAt) {
    incident(incident);
  }

  void event(TimelineEvent event);

  void alert(Alert alert);

  void page(Page page);

  void message(ChatMessage message);

  /** A chat message with what marks it in the channel: pinned, and its reactions' names. */
  default void message(ChatMessage message, boolean pinned, java.util.List<String> reactions) {
    message(message);
  }

  void actionItem(ActionItem item);

  /** An action item with the source's own last-update time (see {@link #incident}). */
  default void actionItem(ActionItem item, java.util.Optional<java.time.Instant> updatedAt) {
    actionItem(item);
  }

  void person(Person person);

  void service(Service service);

  /** Counts one record read from the source (valid or not). */
  void read();

  void reject(String position, IngestErrorCode code, String message, String raw);

  /**
   * Counts one object the reader recognises but does not map (a record of its own, read and
   * ignored), under its JSON path with array indexes as {@code *}, for example {@code /incidents/ *
   * /log_entries} without the spaces. The current record, if any, stays open.
   */
  void ignore(String path);

  /**
   * Marks the current record (counted by {@link #read()}) as recognised but not mapped: it is
   * counted as ignored under {@code path} when it adds no row.
   */
  void unmapped(String path);

  /**
   * Counts a case the run summary must show although no record is lost, for example two
   * Alertmanager alerts that share a fingerprint but not their labels (kept as two alerts).
   */
  void observe(String observation);
}
