package dev.incidents.drafter;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import java.time.Duration;

/** The LLM provider settings, from the one configuration (the key from the environment only). */
public record LlmSettings(
    String provider,
    String baseUrl,
    String model,
    String apiKey,
    Duration timeout,
    int maxRetries,
    int tokenBudget,
    int ollamaNumCtx) {
  public static LlmSettings from(Config config, String providerOverride) {
    return new LlmSettings(
        providerOverride != null ? providerOverride : config.get(ConfigKeys.LLM_PROVIDER),
        config.get(ConfigKeys.LLM_BASE_URL),
        config.get(ConfigKeys.LLM_MODEL),
        config.get(ConfigKeys.LLM_API_KEY),
        config.getDuration(ConfigKeys.LLM_TIMEOUT),
        config.getInt(ConfigKeys.LLM_MAX_RETRIES),
        config.getInt(ConfigKeys.LLM_TOKEN_BUDGET),
        config.getInt(ConfigKeys.LLM_OLLAMA_NUM_CTX));
  }

  /** A provider configured without a key it needs; the message names the missing keys. */
  public static final class MissingConfigurationException extends RuntimeException {
    public MissingConfigurationException(String message) {
      super(message);
    }
  }

  /**
   * Checks, before any request, that the provider has what it needs: a base URL and a model always,
   * and a key for openai and anthropic (ollama needs none).
   */
  public void check() {
    if (!enabled()) {
      return;
    }
    java.util.List<String> missing = new java.util.ArrayList<>();
    if (baseUrl.isBlank()) {
      missing.add(ConfigKeys.LLM_BASE_URL.name() + " (INCIDENTS_LLM_BASE_URL)");
    }
    if (!provider.equals("ollama") && apiKey.isBlank()) {
      missing.add(ConfigKeys.LLM_API_KEY.name() + " (INCIDENTS_LLM_API_KEY)");
    }
    if (model.isBlank()) {
      missing.add(ConfigKeys.LLM_MODEL.name() + " (INCIDENTS_LLM_MODEL)");
    }
    if (!missing.isEmpty()) {
      throw new MissingConfigurationException(
          "--llm "
              + provider
              + " is not configured: set "
              + String.join(", ", missing)
              + "; no request was sent");
    }
  }

  public boolean enabled() {
    return !provider.equals("none");
  }

  @Override
  public String toString() {
    return "LlmSettings["
        + provider
        + ", "
        + baseUrl
        + ", "
        + model
        + ", key="
        + (apiKey.isEmpty() ? "" : "****")
        + "]";
  }
}
