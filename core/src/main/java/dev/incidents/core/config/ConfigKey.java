package dev.incidents.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One configuration key: a dotted name, its default beside it, and whether it is a secret. A secret
 * is read from the environment only and always prints as {@code ****}.
 */
public record ConfigKey(String name, String defaultValue, boolean secret, String description) {
  public ConfigKey {
    requireNonNull(name, "name is null");
    requireNonNull(defaultValue, "defaultValue is null");
    requireNonNull(description, "description is null");
    if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
      throw new IllegalArgumentException("Invalid config key name: '" + name + "'");
    }
  }

  /** {@code llm.base-url} reads from {@code INCIDENTS_LLM_BASE_URL}. */
  public String environmentVariable() {
    return "INCIDENTS_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
