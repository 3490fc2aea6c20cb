package dev.incidents.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real public samples in {@code ../shared/samples}, which CI has beside the project. */
final class SharedSamples {
  private SharedSamples() {}

  static Path directory() {
    String configured = System.getProperty("incidents.shared.dir");
    Path shared =
        configured != null
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared");
    Path samples = shared.resolve("samples").normalize();
    if (!Files.isDirectory(samples)) {
      throw new IllegalStateException("The shared samples are missing: " + samples);
    }
    return samples;
  }
}
