package dev.incidents.ingest;

import dev.incidents.ingest.input.Input;

/** Reads one input file of one source format into canonical records. */
public interface SourceReader {
  void read(Input input, IngestContext context, RecordSink sink);
}
