package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.config.ConfigResolver;
import dev.incidents.lake.Lake;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every command that reads or writes the lake takes. Flags feed the single configuration
 * resolver.
 */
public final class CommonOptions {
  @Option(
      names = "--lake",
      paramLabel = "DIR",
      description = "Lake folder (default: lake.path, data/lake).")
  Path lake;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (default: ./incidents.yaml when present).")
  Path config;

  @Mixin OutputOptions output = new OutputOptions();

  /** Resolves the configuration with the given extra flag values (dotted key → value). */
  public Config resolve(Map<String, String> extraFlags) {
    Map<String, String> flags = new HashMap<>(extraFlags);
    if (lake != null) {
      flags.put(ConfigKeys.LAKE_PATH.name(), lake.toString());
    }
    try {
      return ConfigResolver.builder().flags(flags).file(Optional.ofNullable(config)).resolve();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  public Config resolve() {
    return resolve(Map.of());
  }

  public Lake lake(Config config) {
    return new Lake(Path.of(config.get(ConfigKeys.LAKE_PATH)));
  }

  public boolean quiet() {
    return output.quiet();
  }

  public boolean verbose() {
    return output.verbose();
  }
}
