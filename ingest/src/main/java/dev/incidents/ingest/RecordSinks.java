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

/** Sinks that are not the run's. */
public final class RecordSinks {
  private RecordSinks() {}

  /**
   * Discards everything: for a reader's first pass over its own file (PagerDuty's resolve times),
   * whose records the second pass reads, accounts for and quarantines.
   */
  public static final RecordSink DISCARD =
      new RecordSink() {
        @Override
        public void incident(Incident incident) {}

        @Override
        public void event(TimelineEvent event) {}

        @Override
        public void alert(Alert alert) {}

        @Override
        public void page(Page page) {}

        @Override
        public void message(ChatMessage message) {}

        @Override
        public void actionItem(ActionItem item) {}

        @Override
        public void person(Person person) {}

        @Override
        public void service(Service service) {}

        @Override
        public void read() {}

        @Override
        public void reject(String position, IngestErrorCode code, String message, String raw) {}

        @Override
        public void ignore(String path) {}

        @Override
        public void unmapped(String path) {}

        @Override
        public void observe(String observation) {}
      };
}
