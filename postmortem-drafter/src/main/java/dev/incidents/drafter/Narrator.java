package dev.incidents.drafter;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The LLM narrative: redacted input, chat fenced as untrusted data, long timelines summarised chunk
 * by chunk to fit the token budget (map, then reduce; never silently truncated), bounded retries
 * with backoff, and a fallback to the deterministic draft with a visible note.
 */
public final class Narrator {
  static final int CHARS_PER_TOKEN = 4;

  private final LlmSettings settings;
  private final ChatModel model;
  private final long backoffMillis;

  public Narrator(LlmSettings settings, long backoffMillis) {
    this.settings = settings;
    this.model = model(settings);
    this.backoffMillis = backoffMillis;
  }

  /** What the narrator produced: text, or the reason it fell back. */
  public record Narrative(
      String text, String note, int chunks, int summarisedEntries, boolean fellBack) {}

  static ChatModel model(LlmSettings settings) {
    return switch (settings.provider()) {
      case "openai" ->
          OpenAiChatModel.builder()
              .baseUrl(settings.baseUrl().isEmpty() ? null : settings.baseUrl())
              .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
              .modelName(settings.model().isEmpty() ? "gpt-4o-mini" : settings.model())
              .timeout(settings.timeout())
              .maxRetries(0)
              .temperature(0.0)
              .build();
      case "ollama" ->
          OllamaChatModel.builder()
              .baseUrl(settings.baseUrl().isEmpty() ? "http://127.0.0.1:11434" : settings.baseUrl())
              .modelName(settings.model().isEmpty() ? "llama3.1" : settings.model())
              .numCtx(settings.ollamaNumCtx())
              .timeout(settings.timeout())
              .maxRetries(0)
              .temperature(0.0)
              .build();
      case "anthropic" ->
          AnthropicChatModel.builder()
              .baseUrl(settings.baseUrl().isEmpty() ? null : settings.baseUrl())
              .apiKey(settings.apiKey())
              .modelName(settings.model().isEmpty() ? "claude-sonnet-4-5" : settings.model())
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

  /** Writes the narrative from redacted facts and timeline lines. */
  public Narrative narrate(String redactedFacts, List<String> redactedTimeline) {
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
    try {
      List<String> summaries = new ArrayList<>();
      if (chunks.size() == 1) {
        summaries.add(chunks.get(0));
      } else {
        for (String part : chunks) {
          summaries.add(call(prompt("map-v1").replace("{{chunk}}", part), false));
        }
      }
      String reduce =
          prompt("reduce-v1")
              .replace("{{facts}}", redactedFacts)
              .replace("{{summarised}}", Integer.toString(redactedTimeline.size()))
              .replace("{{chunks}}", Integer.toString(chunks.size()))
              .replace("{{summaries}}", String.join("\n", summaries));
      String text = call(reduce, true);
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
      return new Narrative(text, note, chunks.size(), redactedTimeline.size(), false);
    } catch (RuntimeException e) {
      return new Narrative(
          null,
          "The LLM narrative failed after "
              + (settings.maxRetries() + 1)
              + " attempts ("
              + reason(e)
              + "); this draft is the deterministic one.",
          chunks.size(),
          redactedTimeline.size(),
          true);
    }
  }

  private String call(String user, boolean expectSections) {
    RuntimeException last = null;
    for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
      try {
        String text =
            model
                .chat(SystemMessage.from(prompt("system-v1")), UserMessage.from(user))
                .aiMessage()
                .text();
        if (text == null
            || text.isBlank()
            || (expectSections
                && !(text.contains("### Summary") && text.contains("### Lessons")))) {
          throw new IllegalStateException("malformed reply: the four sections are missing");
        }
        return text;
      } catch (RuntimeException e) {
        last = e;
        if (attempt < settings.maxRetries()) {
          try {
            Thread.sleep(backoffMillis * (1L << attempt));
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
    throw last;
  }

  static String reason(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.lines().findFirst().orElse(message);
    return message.length() > 160 ? message.substring(0, 160) + "…" : message;
  }
}
