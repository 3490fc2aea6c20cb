package dev.incidents.drafter;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a post-mortem: a list of headed sections, each filled from a named section of the
 * {@link DeterministicDraft}. Three are built in ({@code google}: the SRE book's post-mortem;
 * {@code pagerduty}: PagerDuty's post-mortem template; {@code atlassian}: the Atlassian incident
 * handbook's template); a user template is a Markdown file with {@code {{name}}} placeholders, and
 * an unknown placeholder is an error naming it. docs/drafts.md lists every section.
 */
public record Template(String name, List<Section> sections, String userText) {
  public Template {
    requireNonNull(name, "name is null");
    sections = List.copyOf(sections);
  }

  /** A heading and the draft section under it. */
  public record Section(String heading, List<String> parts) {
    public Section {
      parts = List.copyOf(parts);
    }

    static Section of(String heading, String... parts) {
      return new Section(heading, List.of(parts));
    }
  }

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

  public static final Template GOOGLE =
      new Template(
          "google",
          List.of(
              Section.of("Metadata", "metadata"),
              Section.of("Summary", "summary"),
              Section.of("Impact", "impact"),
              Section.of("Root causes", "root_cause"),
              Section.of("Trigger", "trigger"),
              Section.of("Resolution", "recovery"),
              Section.of("Detection", "detection", "response"),
              Section.of("Action items", "action_items"),
              Section.of("Lessons learned", "lessons"),
              Section.of("What went well", "what_went_well"),
              Section.of("What went wrong", "what_went_badly"),
              Section.of("Where we got lucky", "where_we_got_lucky"),
              Section.of("Timeline", "milestones", "timeline"),
              Section.of("Supporting information: similar incidents", "similar"),
              Section.of("Open questions", "open_questions"),
              Section.of("Appendix: chat", "appendix")),
          null);

  public static final Template PAGERDUTY =
      new Template(
          "pagerduty",
          List.of(
              Section.of("Overview", "metadata", "summary"),
              Section.of("What happened", "milestones", "detection"),
              Section.of("Contributing factors", "root_cause"),
              Section.of("Resolution", "recovery"),
              Section.of("Impact", "impact"),
              Section.of("Responders", "responders", "response"),
              Section.of("Timeline", "timeline"),
              Section.of("How'd we do?", "what_went_well", "what_went_badly"),
              Section.of("Action items", "action_items"),
              Section.of("Messaging", "messaging"),
              Section.of("Similar incidents", "similar"),
              Section.of("Open questions", "open_questions"),
              Section.of("Appendix: chat", "appendix")),
          null);

  public static final Template ATLASSIAN =
      new Template(
          "atlassian",
          List.of(
              Section.of("Incident summary", "metadata", "summary"),
              Section.of("Leadup", "trigger"),
              Section.of("Fault", "leads"),
              Section.of("Impact", "impact"),
              Section.of("Detection", "detection"),
              Section.of("Response", "response", "responders"),
              Section.of("Recovery", "recovery"),
              Section.of("Timeline", "milestones", "timeline"),
              Section.of("Five whys", "five_whys"),
              Section.of("Root cause", "root_cause"),
              Section.of("Backlog check", "action_items"),
              Section.of("Recurrence", "recurrence", "similar"),
              Section.of("Lessons learned", "lessons", "what_went_well", "what_went_badly"),
              Section.of("Corrective actions", "open_questions"),
              Section.of("Appendix: chat", "appendix")),
          null);

  public static final List<Template> BUILT_IN = List.of(GOOGLE, PAGERDUTY, ATLASSIAN);

  /** A built-in template by name, or a user template file (a path ending in .md). */
  public static Template named(String value) throws IOException {
    for (Template template : BUILT_IN) {
      if (template.name().equals(value)) {
        return template;
      }
    }
    if (value.endsWith(".md")) {
      Path file = Path.of(value);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Template file not found: " + value);
      }
      return file(file.getFileName().toString(), Files.readString(file));
    }
    throw new IllegalArgumentException(
        "Unknown template: '"
            + value
            + "' (expected google, pagerduty, atlassian or a FILE.md with {{placeholders}})");
  }

  /** A user template; every placeholder must name a section of {@link DeterministicDraft}. */
  public static Template file(String name, String text) {
    Set<String> unknown = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!DeterministicDraft.SECTIONS.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Unknown placeholder in template "
              + name
              + ": {{"
              + String.join("}}, {{", unknown)
              + "}} (known: "
              + String.join(", ", DeterministicDraft.SECTIONS)
              + ")");
    }
    return new Template(name, List.of(), text);
  }

  /** The Markdown of a draft in this template (no front matter). */
  public String render(DeterministicDraft.Body body, String note) {
    if (userText != null) {
      Matcher matcher = PLACEHOLDER.matcher(userText);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(
            out, Matcher.quoteReplacement(body.section(matcher.group(1)).stripTrailing()));
      }
      matcher.appendTail(out);
      return out.toString();
    }
    StringBuilder md = new StringBuilder();
    md.append("# Post-mortem: ")
        .append(body.section("title"))
        .append(" (")
        .append(body.section("reference"))
        .append(")\n\n");
    md.append("> Draft (")
        .append(name)
        .append(
            " template) generated from the incident's data. Every timeline line cites its source.\n");
    md.append(
        "> Sections marked _to fill in_ need a human; blameless: describe systems and decisions, not people.\n\n");
    if (note != null) {
      md.append("> **LLM:** ").append(note.replace("\n", " ")).append("\n\n");
    }
    for (Section section : sections) {
      md.append("## ").append(section.heading()).append("\n\n");
      List<String> texts = new ArrayList<>();
      for (String part : section.parts()) {
        String text = body.section(part).stripTrailing();
        if (!text.isEmpty()) {
          texts.add(text);
        }
      }
      md.append(texts.isEmpty() ? "_None._" : String.join("\n\n", texts)).append("\n\n");
    }
    return md.toString();
  }
}
