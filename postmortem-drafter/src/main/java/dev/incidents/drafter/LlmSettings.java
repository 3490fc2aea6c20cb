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
