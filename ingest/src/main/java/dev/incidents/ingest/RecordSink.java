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

  void event(TimelineEvent event);

  void alert(Alert alert);

  void page(Page page);

  void message(ChatMessage message);

  void actionItem(ActionItem item);

  void person(Person person);

  void service(Service service);

  /** Counts one record read from the source (valid or not). */
  void read();

  void reject(String position, IngestErrorCode code, String message, String raw);
}
