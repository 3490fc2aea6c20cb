package dev.incidents.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real public samples in the repository's {@code testdata/samples} (provenance and licences in
 * its {@code SOURCES.md}). The build passes the folder as {@code incidents.samples.dir}; without it
 * (an IDE run from the module folder) the folder is found beside the module.
 */
final class RealSamples {
  private RealSamples() {}

  static Path directory() {
    String configured = System.getProperty("incidents.samples.dir");
    Path samples =
        (configured != null
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().resolve("../testdata/samples"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(samples)) {
      throw new IllegalStateException("The real samples are missing: " + samples);
    }
    return samples;
  }
}
