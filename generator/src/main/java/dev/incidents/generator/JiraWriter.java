package dev.incidents.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.incidents.generator.IncidentPlan.ActionItemPlan;
import dev.incidents.generator.Organisation.Person;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Jira: REST search pages ({@code expand=changelog}, offsets without a colon such as {@code -0800})
 * and the same issues as a CSV export with repeated {@code Labels} columns and a {@code dd/MMM/yy
 * h:mm a} profile date format.
 */
final class JiraWriter {
  static final String BROWSE = "https://example.atlassian.net/browse/";
  static final ZoneId PROFILE_ZONE = ZoneId.of("America/Los_Angeles");
  static final int PAGE_SIZE = 100;

  private final Simulation simulation;
  private final Organisation organisation;
  private final Path directory;
  private final GenerationSummary summary;
  private final Cutoff cutoff;

  JiraWriter(Simulation simulation, Path directory, GenerationSummary summary, Cutoff cutoff) {
    this.simulation = simulation;
    this.organisation = simulation.organisation;
    this.directory = directory;
    this.summary = summary;
    this.cutoff = cutoff;
  }

  record Issue(IncidentPlan plan, ActionItemPlan item) {}

  void write() throws IOException {
    List<Issue> issues = new ArrayList<>();
    for (IncidentPlan plan : simulation.incidents) {
      // Created after the cutoff: absent; done after it: still open, with no resolution date.
      for (ActionItemPlan item : cutoff.actionItems(plan)) {
        if (item.jiraKey() != null) {
          issues.add(new Issue(plan, item));
        }
      }
    }
    int pages = Math.max(1, (issues.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    for (int page = 0; page < pages; page++) {
      Path path = directory.resolve(String.format("search-%04d.json", page + 1));
      List<Issue> slice =
          issues.subList(page * PAGE_SIZE, Math.min(issues.size(), (page + 1) * PAGE_SIZE));
      try (JsonGenerator json = JsonOut.open(path, false)) {
        json.writeStartObject();
        json.writeStringField("expand", "schema,names");
        json.writeNumberField("startAt", page * PAGE_SIZE);
        json.writeNumberField("maxResults", PAGE_SIZE);
        json.writeNumberField("total", issues.size());
        json.writeArrayFieldStart("issues");
        for (Issue issue : slice) {
          writeIssue(json, issue);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      summary.file("jira", path);
    }
    summary.count("jira.issues", issues.size());
    writeCsv(issues);
  }

  private static String statusName(ActionItemPlan item) {
    return switch (item.status()) {
      case "completed" -> "Done";
      case "not_doing" -> "Won't Do";
      default -> item.dueDate() != null && item.owner() != null ? "In Progress" : "To Do";
    };
  }

  private static String category(ActionItemPlan item) {
    return switch (item.status()) {
      case "completed", "not_doing" -> "done";
      default -> statusName(item).equals("In Progress") ? "indeterminate" : "new";
    };
  }

  private Instant resolvedAt(ActionItemPlan item) {
    if (item.completedAt() != null) {
      return item.completedAt();
    }
    return item.status().equals("not_doing")
        ? item.createdAt().plusSeconds(Cutoff.NOT_DOING_AFTER_SECONDS)
        : null;
  }

  private void writeIssue(JsonGenerator json, Issue issue) throws IOException {
    ActionItemPlan item = issue.item();
    json.writeStartObject();
    json.writeStringField("expand", "operations,changelog");
    json.writeStringField("id", item.jiraId());
    json.writeStringField(
        "self", "https://example.atlassian.net/rest/api/2/issue/" + item.jiraId());
    json.writeStringField("key", item.jiraKey());
    json.writeObjectFieldStart("fields");
    json.writeStringField("summary", item.title());
    json.writeObjectFieldStart("issuetype");
    json.writeStringField("name", "Task");
    json.writeBooleanField("subtask", false);
    json.writeEndObject();
    json.writeObjectFieldStart("project");
    json.writeStringField("key", "OPS");
    json.writeEndObject();
    json.writeObjectFieldStart("status");
    json.writeStringField("name", statusName(item));
    json.writeObjectFieldStart("statusCategory");
    json.writeStringField("key", category(item));
    json.writeStringField("name", category(item).equals("done") ? "Done" : "To Do");
    json.writeEndObject();
    json.writeEndObject();
    if (item.status().equals("not_doing")) {
      json.writeObjectFieldStart("resolution");
      json.writeStringField("name", "Won't Do");
      json.writeEndObject();
    } else if (item.completedAt() != null) {
      json.writeObjectFieldStart("resolution");
      json.writeStringField("name", "Done");
      json.writeEndObject();
    } else {
      json.writeNullField("resolution");
    }
    Instant resolved = resolvedAt(item);
    if (resolved != null) {
      json.writeStringField("resolutiondate", Formats.jira(resolved, PROFILE_ZONE));
    } else {
      json.writeNullField("resolutiondate");
    }
    json.writeStringField("created", Formats.jira(item.createdAt(), PROFILE_ZONE));
    json.writeStringField(
        "updated", Formats.jira(resolved != null ? resolved : item.createdAt(), PROFILE_ZONE));
    if (item.dueDate() != null) {
      json.writeStringField("duedate", item.dueDate().toString());
    } else {
      json.writeNullField("duedate");
    }
    if (item.owner() != null) {
      Person owner = organisation.people.get(item.owner());
      json.writeObjectFieldStart("assignee");
      json.writeStringField("accountId", owner.jiraAccountId());
      json.writeStringField("displayName", owner.name());
      json.writeStringField("emailAddress", owner.email());
      json.writeStringField("timeZone", owner.zone().getId());
      json.writeEndObject();
    } else {
      json.writeNullField("assignee");
    }
    json.writeObjectFieldStart("priority");
    json.writeStringField("name", item.priority());
    json.writeEndObject();
    json.writeArrayFieldStart("labels");
    json.writeString(issue.plan().reference());
    json.writeString("postmortem-action");
    json.writeEndArray();
    json.writeArrayFieldStart("issuelinks");
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("changelog");
    json.writeNumberField("startAt", 0);
    json.writeArrayFieldStart("histories");
    if (resolved != null) {
      json.writeStartObject();
      json.writeStringField("id", item.jiraId() + "1");
      json.writeStringField("created", Formats.jira(resolved, PROFILE_ZONE));
      json.writeArrayFieldStart("items");
      json.writeStartObject();
      json.writeStringField("field", "status");
      json.writeStringField("fieldtype", "jira");
      json.writeStringField("fromString", "To Do");
      json.writeStringField("toString", statusName(item));
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeCsv(List<Issue> issues) throws IOException {
    Path path = directory.resolve("export.csv");
    try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      out.write(
          "Summary,Issue key,Issue id,Issue Type,Status,Project key,Priority,Resolution,Assignee,Assignee Id,Created,Updated,Resolved,Due date,Labels,Labels,Status Category\n");
      for (Issue issue : issues) {
        ActionItemPlan item = issue.item();
        Instant resolved = resolvedAt(item);
        List<String> cells = new ArrayList<>();
        cells.add(item.title());
        cells.add(item.jiraKey());
        cells.add(item.jiraId());
        cells.add("Task");
        cells.add(statusName(item));
        cells.add("OPS");
        cells.add(item.priority());
        cells.add(
            item.status().equals("not_doing")
                ? "Won't Do"
                : item.completedAt() != null ? "Done" : "");
        cells.add(item.owner() == null ? "" : organisation.people.get(item.owner()).name());
        cells.add(
            item.owner() == null ? "" : organisation.people.get(item.owner()).jiraAccountId());
        cells.add(Formats.jiraCsv(item.createdAt(), PROFILE_ZONE));
        cells.add(Formats.jiraCsv(resolved != null ? resolved : item.createdAt(), PROFILE_ZONE));
        cells.add(resolved == null ? "" : Formats.jiraCsv(resolved, PROFILE_ZONE));
        cells.add(
            item.dueDate() == null
                ? ""
                : Formats.jiraCsv(
                    item.dueDate().atStartOfDay(PROFILE_ZONE).toInstant(), PROFILE_ZONE));
        cells.add(issue.plan().reference());
        cells.add("postmortem-action");
        cells.add(
            category(item).equals("done")
                ? "Done"
                : category(item).equals("new") ? "To Do" : "In Progress");
        out.write(String.join(",", cells.stream().map(JiraWriter::csv).toList()));
        out.write('\n');
      }
    }
    summary.file("jira", path);
  }

  static String csv(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
