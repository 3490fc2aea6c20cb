package dev.incidents.drafter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.incidents.drafter.DeterministicDraft.Narrative;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM narrative: redacted input, chat fenced as untrusted data, long timelines summarised chunk
 * by chunk to fit the token budget (map, then reduce; never silently truncated). The reduce step
 * asks for structured output where the provider has it (OpenAI-compatible {@code response_format}
 * with a JSON schema, Ollama's {@code format} schema, Anthropic tool use) into one {@link
 * Narrative}; any other reply is parsed tolerantly by its headings, and missing sections are marked
 * to fill in. Failsafe retries transport errors (timeouts, 429, 5xx) and empty or unparseable
 * replies, with exponential backoff; after the last attempt the draft falls back to the
 * deterministic one with a visible note.
 */
public final class Narrator {
  static final int CHARS_PER_TOKEN = 4;
  static final String TOOL = "write_postmortem_narrative";
  static final ObjectMapper JSON = new ObjectMapper();

  private final LlmSettings settings;
  private final ChatModel model;
  private final long backoffMillis;

  public Narrator(LlmSettings settings, long backoffMillis) {
    settings.check();
    this.settings = settings;
    this.model = model(settings);
    this.backoffMillis = backoffMillis;
  }

  /** What the narrator produced: the sections, or the reason it fell back. */
  public record Result(
      Optional<Narrative> narrative, String note, int chunks, int summarisedEntries) {
    public boolean fellBack() {
      return narrative.isEmpty();
    }
  }

  /** A reply that is empty or has none of the four sections: worth another attempt. */
  static final class UnparseableReplyException extends RuntimeException {
    UnparseableReplyException(String message) {
      super(message);
    }
  }

  static ChatModel model(LlmSettings settings) {
    return switch (settings.provider()) {
      case "openai" ->
          OpenAiChatModel.builder()
              .baseUrl(settings.baseUrl())
              .apiKey(settings.apiKey())
              .modelName(settings.model())
              .timeout(settings.timeout())
              .maxRetries(0)
              .temperature(0.0)
              .strictJsonSchema(true)
              .supportedCapabilities(
                  java.util.Set.of(
                      dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA))
              .build();
      case "ollama" ->
          OllamaChatModel.builder()
              .baseUrl(settings.baseUrl())
              .modelName(settings.model())
              .numCtx(settings.ollamaNumCtx())
              .timeout(settings.timeout())
              .maxRetries(0)
              .temperature(0.0)
              .build();
      case "anthropic" ->
          AnthropicChatModel.builder()
              .baseUrl(settings.baseUrl())
              .apiKey(settings.apiKey())
              .modelName(settings.model())
              .timeout(settings.timeout())
              .maxRetries(0)
              .maxTokens(1500)
              .temperature(0.0)
              .build();
      default ->
          throw new IllegalArgumentException(
              "Unknown LLM provider: '"
                  + settings.provider()
                  + "' (expected none, openai, ollama or anthropic)");
    };
  }

  static String prompt(String name) {
    try (InputStream stream = Narrator.class.getResourceAsStream("/prompts/" + name + ".txt")) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of the prompt resources, first 12 hex digits, recorded in the draft's front matter. */
  public static String promptHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String name : List.of("system-v1", "map-v1", "reduce-v1")) {
        digest.update(prompt(name).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON schema of the narrative: four strings, hypotheses and lessons as lists. */
  static JsonObjectSchema schema() {
    return JsonObjectSchema.builder()
        .addProperty("summary", JsonStringSchema.builder().description("2-4 sentences").build())
        .addProperty("impact", JsonStringSchema.builder().description("customer impact").build())
        .addProperty(
            "hypotheses",
            JsonArraySchema.builder()
                .items(JsonStringSchema.builder().build())
                .description("root-cause hypotheses, each clearly a hypothesis")
                .build())
        .addProperty(
            "lessons", JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build())
        .required("summary", "impact", "hypotheses", "lessons")
        .additionalProperties(false)
        .build();
  }

  /** Writes the narrative from redacted facts and timeline lines. */
  public Result narrate(String redactedFacts, List<String> redactedTimeline) {
    int budgetChars = Math.max(2_000, settings.tokenBudget() * CHARS_PER_TOKEN);
    List<String> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (String line : redactedTimeline) {
      String safe =
          line.replace("UNTRUSTED>>>", "UNTRUSTED>>").replace("<<<UNTRUSTED", "<<UNTRUSTED");
      if (chunk.length() + safe.length() + 1 > budgetChars / 2 && chunk.length() > 0) {
        chunks.add(chunk.toString());
        chunk.setLength(0);
      }
      chunk.append(safe).append('\n');
    }
    if (chunk.length() > 0) {
      chunks.add(chunk.toString());
    }
    int attempts = settings.maxRetries() + 1;
    try {
      List<String> summaries = new ArrayList<>();
      if (chunks.size() == 1) {
        summaries.add(chunks.get(0));
      } else {
        for (String part : chunks) {
          summaries.add(retrying(() -> text(prompt("map-v1").replace("{{chunk}}", part))));
        }
      }
      String reduce =
          prompt("reduce-v1")
              .replace("{{facts}}", redactedFacts)
              .replace("{{summarised}}", Integer.toString(redactedTimeline.size()))
              .replace("{{chunks}}", Integer.toString(chunks.size()))
              .replace("{{summaries}}", String.join("\n", summaries));
      Narrative narrative = retrying(() -> structured(reduce));
      String note =
          chunks.size() > 1
              ? redactedTimeline.size()
                  + " timeline entries were summarised in "
                  + chunks.size()
                  + " chunks (map, then reduce) to fit a budget of "
                  + settings.tokenBudget()
                  + " tokens."
              : "All "
                  + redactedTimeline.size()
                  + " timeline entries were given to the model in one request.";
      List<String> missing = missing(narrative);
      if (!missing.isEmpty()) {
        note += " The reply had no " + String.join(", ", missing) + " section: marked to fill in.";
      }
      return new Result(Optional.of(narrative), note, chunks.size(), redactedTimeline.size());
    } catch (RuntimeException e) {
      Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
      boolean retried = !(cause instanceof NonRetriableException);
      return new Result(
          Optional.empty(),
          "The LLM narrative failed"
              + (retried ? " after " + attempts + " attempts" : " without retry")
              + " ("
              + reason(cause)
              + "); this draft is the deterministic one.",
          chunks.size(),
          redactedTimeline.size());
    }
  }

  private <T> T retrying(dev.failsafe.function.CheckedSupplier<T> call) {
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handleIf(failure -> !(failure instanceof NonRetriableException))
            .withMaxRetries(settings.maxRetries())
            .withBackoff(
                Duration.ofMillis(Math.max(1, backoffMillis)),
                Duration.ofMillis(Math.max(2, backoffMillis * 16)))
            .build();
    return Failsafe.with(policy).get(call);
  }

  private String text(String user) {
    String text =
        model
            .chat(SystemMessage.from(prompt("system-v1")), UserMessage.from(user))
            .aiMessage()
            .text();
    if (text == null || text.isBlank()) {
      throw new UnparseableReplyException("empty reply");
    }
    return text;
  }

  private Narrative structured(String user) {
    ChatRequest.Builder request =
        ChatRequest.builder()
            .messages(SystemMessage.from(prompt("system-v1")), UserMessage.from(user));
    if (settings.provider().equals("anthropic")) {
      request
          .toolSpecifications(
              ToolSpecification.builder()
                  .name(TOOL)
                  .description("Record the four narrative sections of the post-mortem.")
                  .parameters(schema())
                  .build())
          .toolChoice(ToolChoice.REQUIRED);
    } else {
      request.responseFormat(
          ResponseFormat.builder()
              .type(ResponseFormatType.JSON)
              .jsonSchema(
                  JsonSchema.builder().name("postmortem_narrative").rootElement(schema()).build())
              .build());
    }
    AiMessage reply = model.chat(request.build()).aiMessage();
    if (reply.hasToolExecutionRequests()) {
      for (ToolExecutionRequest tool : reply.toolExecutionRequests()) {
        if (tool.name().equals(TOOL)) {
          return fromJson(tool.arguments())
              .orElseThrow(() -> new UnparseableReplyException("unparseable tool arguments"));
        }
      }
    }
    return parse(reply.text());
  }

  /** A reply as JSON (the structured output), else by its Markdown headings; never empty. */
  static Narrative parse(String text) {
    if (text == null || text.isBlank()) {
      throw new UnparseableReplyException("empty reply");
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("```")) {
      trimmed = trimmed.replaceFirst("^```[a-z]*\\s*", "").replaceFirst("\\s*```$", "");
    }
    if (trimmed.startsWith("{")) {
      Optional<Narrative> json = fromJson(trimmed);
      if (json.isPresent()) {
        return json.get();
      }
    }
    Narrative sections = fromHeadings(text);
    if (missing(sections).size() == 4) {
      throw new UnparseableReplyException(
          "unparseable reply: none of the sections Summary, Impact, Root-cause hypotheses, Lessons");
    }
    return sections;
  }

  static Optional<Narrative> fromJson(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        return Optional.empty();
      }
      Narrative narrative =
          new Narrative(
              field(node, "summary"),
              field(node, "impact"),
              field(node, "hypotheses").map(Narrator::hypotheses),
              field(node, "lessons"));
      return missing(narrative).size() == 4 ? Optional.empty() : Optional.of(narrative);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String hypotheses(String text) {
    return text.lines()
        .map(
            line ->
                line.startsWith("- ")
                    ? line.replaceFirst("^- (Hypothesis: )?", "- Hypothesis: ")
                    : line)
        .reduce((a, b) -> a + "\n" + b)
        .orElse(text);
  }

  private static Optional<String> field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add("- " + item.asText().strip()));
      return items.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", items));
    }
    String text = value.asText().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s*(.+?)\\s*#*\\s*$");

  static Narrative fromHeadings(String text) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher matcher = HEADING.matcher(text);
    List<int[]> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (matcher.find()) {
      spans.add(new int[] {matcher.start(), matcher.end()});
      names.add(matcher.group(1).toLowerCase(Locale.ROOT));
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
      String body = text.substring(spans.get(i)[1], end).strip();
      String name = names.get(i);
      String key =
          name.contains("summary")
              ? "summary"
              : name.contains("impact")
                  ? "impact"
                  : name.contains("hypothes") || name.contains("root")
                      ? "hypotheses"
                      : name.contains("lesson") ? "lessons" : null;
      if (key != null && !body.isEmpty()) {
        found.putIfAbsent(key, body);
      }
    }
    return new Narrative(
        Optional.ofNullable(found.get("summary")),
        Optional.ofNullable(found.get("impact")),
        Optional.ofNullable(found.get("hypotheses")),
        Optional.ofNullable(found.get("lessons")));
  }

  static List<String> missing(Narrative narrative) {
    List<String> missing = new ArrayList<>();
    if (narrative.summary().isEmpty()) {
      missing.add("summary");
    }
    if (narrative.impact().isEmpty()) {
      missing.add("impact");
    }
    if (narrative.hypotheses().isEmpty()) {
      missing.add("hypotheses");
    }
    if (narrative.lessons().isEmpty()) {
      missing.add("lessons");
    }
    return missing;
  }

  static String reason(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.lines().findFirst().orElse(message);
    return message.length() > 160 ? message.substring(0, 160) + "…" : message;
  }
}
