package dev.incidents.ingest;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.alertmanager.AlertmanagerReader;
import dev.incidents.ingest.canonical.CanonicalReader;
import dev.incidents.ingest.chat.MattermostReader;
import dev.incidents.ingest.chat.TeamsReader;
import dev.incidents.ingest.incidentio.IncidentIoReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.jira.JiraReader;
import dev.incidents.ingest.opsgenie.OpsgenieReader;
import dev.incidents.ingest.pagerduty.PagerDutyReader;
import dev.incidents.ingest.postmortems.PostmortemReader;
import dev.incidents.ingest.statuspage.StatuspageReader;
import java.util.List;

/**
 * The source registry: one definition per format, with what it reads and the reader that reads one
 * file of it. Detection from content is {@link FormatDetector}'s; a Slack export is read as a whole
 * bundle ({@code SlackReader}), not file by file. There is no read order: readers are independent
 * of each other and of the lake, and every row a reader writes is keyed by its own source ({@code
 * <source>:<entity>:<key>}).
 */
public final class Sources {
  /** Reads one input file of a source into the run's sink. */
  @FunctionalInterface
  public interface FileReader {
    void read(Input input, IngestContext context, RecordSink sink, LakeSink lakeSink);
  }

  /** One source: its format, what a user exports from it, and its file reader. */
  public record Definition(Format format, String reads, FileReader reader) {
    public Definition {
      requireNonNull(format, "format is null");
      requireNonNull(reads, "reads is null");
      requireNonNull(reader, "reader is null");
    }
  }

  public static final List<Definition> ALL =
      List.of(
          new Definition(
              Format.INCIDENTIO,
              "API v2 incidents, incident updates, follow-ups, alerts (envelopes, arrays or {\"incident\":{}});"
                  + " API v1 incidents; configuration lists and actions counted as ignored",
              (input, context, sink, lake) -> new IncidentIoReader().read(input, context, sink)),
          new Definition(
              Format.PAGERDUTY,
              "REST v2 incidents, log entries, alerts, notes (pages or single-object GET responses);"
                  + " analytics raw incidents",
              (input, context, sink, lake) -> new PagerDutyReader().read(input, context, sink)),
          new Definition(
              Format.OPSGENIE,
              "alerts API responses and webhook payloads",
              (input, context, sink, lake) -> new OpsgenieReader().read(input, context, sink)),
          new Definition(
              Format.STATUSPAGE,
              "/api/v2/incidents.json and incident pages",
              (input, context, sink, lake) -> new StatuspageReader().read(input, context, sink)),
          new Definition(
              Format.ALERTMANAGER,
              "webhook payloads (version 4), JSON or JSON Lines",
              (input, context, sink, lake) ->
                  new AlertmanagerReader("alertmanager").read(input, context, sink)),
          new Definition(
              Format.GRAFANA,
              "unified-alerting webhook payloads; legacy (pre-8) payloads are refused in quarantine",
              (input, context, sink, lake) ->
                  new AlertmanagerReader("grafana").read(input, context, sink)),
          new Definition(
              Format.SLACK,
              "the workspace export (zip or folder), read as a whole",
              (input, context, sink, lake) ->
                  sink.reject(
                      "/",
                      IngestErrorCode.UNSUPPORTED_FORMAT,
                      "Cannot read "
                          + input.name()
                          + ": slack files are read as a whole export, not one by one",
                      "")),
          new Definition(
              Format.MATTERMOST,
              "bulk export JSONL",
              (input, context, sink, lake) -> new MattermostReader().read(input, context, sink)),
          new Definition(
              Format.TEAMS,
              "Graph chatMessage JSON and Graph users lists",
              // One file alone; IngestJob reads a run's Teams files with the users they list.
              (input, context, sink, lake) -> new TeamsReader().read(input, context, sink)),
          new Definition(
              Format.JIRA,
              "REST search responses (expand=changelog) or a CSV export",
              (input, context, sink, lake) -> new JiraReader().read(input, context, sink)),
          new Definition(
              Format.POSTMORTEMS,
              "Markdown post-mortems with front matter",
              (input, context, sink, lake) -> new PostmortemReader().read(input, context, sink)),
          new Definition(
              Format.CANONICAL,
              "JSONL or CSV per lake table, with the table's column names",
              (input, context, sink, lake) ->
                  CanonicalReader.read(input, context, sink, CanonicalTables::match, lake::record)),
          new Definition(
              Format.SPOOL,
              "closed segments of the incidents receive spool (webhook bodies, one per line)",
              (input, context, sink, lake) ->
                  new dev.incidents.ingest.spool.SpoolReader().read(input, context, sink)));

  private Sources() {}

  /** The definition of a format; every format has exactly one. */
  public static Definition of(Format format) {
    for (Definition definition : ALL) {
      if (definition.format() == format) {
        return definition;
      }
    }
    throw new IllegalStateException("No source definition for " + format);
  }
}
