package dev.incidents.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved configuration: every key of {@link ConfigKeys} with its value and the layer it came
 * from. Built by {@link ConfigResolver}.
 */
public final class Config {
  private final Map<ConfigKey, String> values;
  private final Map<ConfigKey, ConfigLayer> layers;

  Config(Map<ConfigKey, String> values, Map<ConfigKey, ConfigLayer> layers) {
    this.values = Map.copyOf(values);
    this.layers = Map.copyOf(layers);
  }

  /** The defaults alone: for tests and for code that runs without a configuration file. */
  public static Config defaults() {
    return ConfigResolver.builder().environment(Map.of()).resolve();
  }

  public String get(ConfigKey key) {
    return requireNonNull(values.get(key), () -> "Unknown config key: " + key.name());
  }

  public ConfigLayer layer(ConfigKey key) {
    return layers.get(key);
  }

  public int getInt(ConfigKey key) {
    String value = get(key);
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "an integer");
    }
  }

  public double getDouble(ConfigKey key) {
    String value = get(key);
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a number");
    }
  }

  public boolean getBoolean(ConfigKey key) {
    String value = get(key).trim();
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) {
      return true;
    }
    if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")) {
      return false;
    }
    throw invalid(key, value, "true or false");
  }

  /** Accepts ISO-8601 ({@code PT48H}) or a short form ({@code 48h}, {@code 30m}, {@code 90s}). */
  public Duration getDuration(ConfigKey key) {
    String value = get(key).trim();
    try {
      if (value.matches("\\d+[smhd]")) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw invalid(key, value, "a duration such as PT48H or 48h");
    }
  }

  public ZoneId getZone(ConfigKey key) {
    String value = get(key).trim();
    try {
      return ZoneId.of(value);
    } catch (RuntimeException e) {
      throw invalid(key, value, "a timezone such as UTC or Europe/Berlin");
    }
  }

  public List<String> getList(ConfigKey key) {
    String value = get(key).trim();
    if (value.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Every key with its value and layer; secrets print as {@code ****}. */
  public Map<String, String> describe() {
    Map<String, String> result = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      String value = get(key);
      String shown = key.secret() && !value.isEmpty() ? "****" : value;
      result.put(key.name(), shown + " (" + layer(key).name().toLowerCase() + ")");
    }
    return result;
  }

  @Override
  public String toString() {
    return "Config" + describe();
  }

  private static IllegalArgumentException invalid(ConfigKey key, String value, String expected) {
    return new IllegalArgumentException(
        "Invalid value for " + key.name() + ": '" + value + "' is not " + expected);
  }
}
