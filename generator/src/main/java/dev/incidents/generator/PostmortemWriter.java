package dev.incidents.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Post-mortems as Markdown files with front matter ({@code incident}, {@code status}, {@code
 * published_at}).
 */
final class PostmortemWriter {
  private final Simulation simulation;
  private final Path directory;
  private final GenerationSummary summary;
  private final Cutoff cutoff;

  PostmortemWriter(
      Simulation simulation, Path directory, GenerationSummary summary, Cutoff cutoff) {
    this.simulation = simulation;
    this.directory = directory;
    this.summary = summary;
    this.cutoff = cutoff;
  }

  void write() throws IOException {
    Files.createDirectories(directory);
    int count = 0;
    for (IncidentPlan plan : simulation.incidents) {
      if (!cutoff.postmortemVisible(plan)) {
        continue; // none, published after the cutoff, or a draft of an incident not yet resolved
      }
      Path file = directory.resolve(plan.reference() + "-" + plan.slug + ".md");
      StringBuilder text = new StringBuilder();
      text.append("---\n");
      text.append("incident: ").append(plan.reference()).append('\n');
      text.append("title: \"").append(plan.title.replace("\"", "'")).append("\"\n");
      text.append("status: ").append(plan.postmortemStatus).append('\n');
      if (plan.postmortemPublishedAt != null) {
        text.append("published_at: ")
            .append(Formats.incidentIo(plan.postmortemPublishedAt))
            .append('\n');
      }
      text.append("authors: [")
          .append(simulation.organisation.people.get(plan.lead).email())
          .append("]\n");
      text.append("---\n\n");
      text.append("# Post-mortem: ").append(plan.title).append("\n\n");
      text.append("## Summary\n").append(plan.summary).append("\n\n");
      text.append("## Impact\n");
      if (plan.resolvedAt != null) {
        text.append("About ")
            .append(Duration.between(plan.impactStartedAt, plan.resolvedAt).toMinutes())
            .append(" minutes of degraded service on ")
            .append(String.join(", ", plan.services))
            .append(".\n\n");
      }
      text.append(
          "## Root cause\nA configuration change interacted badly with retry behaviour.\n\n");
      text.append("## Action items\nTracked in Jira with the label ")
          .append(plan.reference())
          .append(".\n");
      Files.writeString(file, text.toString());
      summary.file("postmortems", file);
      count++;
    }
    summary.count("postmortems.files", count);
  }
}
