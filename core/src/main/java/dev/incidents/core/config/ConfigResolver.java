package dev.incidents.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The single resolver: command-line flag, then environment variable ({@code INCIDENTS_*}), then the
 * configuration file ({@code incidents.yaml}), then the default. Secrets come from the environment
 * only, so that they never sit in a file or in shell history.
 */
public final class ConfigResolver {
  private Map<String, String> flags = Map.of();
  private Map<String, String> environment = System.getenv();
  private Map<String, String> file = Map.of();

  private ConfigResolver() {}

  public static ConfigResolver builder() {
    return new ConfigResolver();
  }

  /** Values given on the command line, by dotted key name. */
  public ConfigResolver flags(Map<String, String> flags) {
    this.flags = Map.copyOf(flags);
    return this;
  }

  public ConfigResolver environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /**
   * Reads a configuration file. An explicitly named file must exist; the implicit {@code
   * incidents.yaml} in the working directory is optional.
   */
  public ConfigResolver file(Optional<Path> explicitFile) {
    Path path = explicitFile.orElse(Path.of("incidents.yaml"));
    if (!Files.exists(path)) {
      if (explicitFile.isPresent()) {
        throw new IllegalArgumentException("Configuration file not found: " + path);
      }
      this.file = Map.of();
      return this;
    }
    try {
      this.file = SimpleYaml.parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read configuration file " + path, e);
    }
    return this;
  }

  public ConfigResolver fileValues(Map<String, String> values) {
    this.file = Map.copyOf(values);
    return this;
  }

  public Config resolve() {
    for (String name : file.keySet()) {
      if (ConfigKeys.ALL.stream().noneMatch(key -> key.name().equals(name))) {
        throw new IllegalArgumentException("Unknown configuration key in file: " + name);
      }
    }
    Map<ConfigKey, String> values = new HashMap<>();
    Map<ConfigKey, ConfigLayer> layers = new HashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      String environmentValue = environment.get(key.environmentVariable());
      if (key.secret()) {
        if (file.containsKey(key.name()) || flags.containsKey(key.name())) {
          throw new IllegalArgumentException(
              key.name() + " is a secret: set it in " + key.environmentVariable() + " only");
        }
        put(values, layers, key, environmentValue, ConfigLayer.ENVIRONMENT);
      } else if (flags.get(key.name()) != null) {
        put(values, layers, key, flags.get(key.name()), ConfigLayer.FLAG);
      } else if (environmentValue != null) {
        put(values, layers, key, environmentValue, ConfigLayer.ENVIRONMENT);
      } else if (file.get(key.name()) != null) {
        put(values, layers, key, file.get(key.name()), ConfigLayer.FILE);
      }
      if (!values.containsKey(key)) {
        put(values, layers, key, key.defaultValue(), ConfigLayer.DEFAULT);
      }
    }
    return new Config(values, layers);
  }

  private static void put(
      Map<ConfigKey, String> values,
      Map<ConfigKey, ConfigLayer> layers,
      ConfigKey key,
      String value,
      ConfigLayer layer) {
    if (value != null) {
      values.put(key, value);
      layers.put(key, layer);
    }
  }
}
