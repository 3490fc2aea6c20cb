package dev.incidents.transform;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Generated organisations ingested into real lakes, shared by the tests of one JVM. */
final class GeneratedLake {
  static final Instant AS_OF = Instant.parse("2026-07-01T00:00:00Z");
  private static final Map<Long, Path> LAKES = new ConcurrentHashMap<>();

  private GeneratedLake() {}

  static synchronized Path exports(long seed) {
    return LAKES
        .computeIfAbsent(
            seed,
            s -> {
              try {
                Path root = Files.createTempDirectory("generated-" + s);
                Path exports = root.resolve("exports");
                Generator.generate(
                    new Generator.Options(OrgSize.SMALL, 3, s, exports, YearMonth.of(2026, 3)),
                    tool -> {});
                new IngestJob(
                        new Lake(root.resolve("lake")),
                        Config.defaults(),
                        Optional.empty(),
                        ArchiveLimits.DEFAULT)
                    .run(List.of(exports), bytes -> {});
                return root;
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .resolve("exports");
  }

  static Lake lake(long seed) {
    return new Lake(exports(seed).getParent().resolve("lake"));
  }

  static TransformParameters parameters() {
    Config config = Config.defaults();
    return TransformParameters.from(config, AS_OF, config.getZone(ConfigKeys.REPORT_TIMEZONE));
  }
}
