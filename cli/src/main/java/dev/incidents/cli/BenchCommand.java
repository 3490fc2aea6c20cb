package dev.incidents.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.io.FileTrees;
import dev.incidents.drafter.Drafter;
import dev.incidents.drafter.LlmSettings;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.reports.MonthlyReport;
import dev.incidents.reports.OutputFormat;
import dev.incidents.reports.ReportWriter;
import dev.incidents.transform.Engine;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure every stage against the targets in docs/performance.md, in one run: ingest (with a bare"
          + " Jackson parse of the same files as the ceiling), transform on Spark and DuckDB, report,"
          + " draft and a warm SQL query. Median of several runs after a warm-up, with min-max."
    })
final class BenchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--org",
      defaultValue = "small",
      description = "small, medium or large (default: ${DEFAULT-VALUE}).")
  String org;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--stages",
      split = ",",
      description = "ingest, transform, report, draft, sql, receive (default: all).")
  List<String> stages;

  @Option(
      names = "--runs",
      description =
          "Measured runs per stage after the warm-ups (default: 3 for small, 1 otherwise).")
  Integer runs;

  @Option(
      names = "--warm-ups",
      paramLabel = "N",
      description =
          "Unmeasured runs per stage before the measured ones, for the JIT to settle (default: 1;"
              + " large: 0). The first ingest of the run is reported apart as"
              + " ingest_first_run_s.")
  Integer warmUpRuns;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "data/bench",
      description = "Where generated organisations and lakes are kept (default: ${DEFAULT-VALUE}).")
  Path dir;

  record Figure(String key, double median, double min, double max, String unit) {}

  @Override
  public Integer call() throws Exception {
    OrgSize size;
    try {
      size = OrgSize.parse(org);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (!List.of("table", "json").contains(format)) {
      throw new UserException("Unknown --format: " + format + " (expected table or json)");
    }
    List<String> selected =
        stages == null
            ? List.of("ingest", "transform", "report", "draft", "sql", "receive")
            : stages;
    int measured = runs != null ? runs : size == OrgSize.SMALL ? 3 : 1;
    int warmUp = warmUpRuns != null ? warmUpRuns : size == OrgSize.LARGE ? 0 : 1;
    if (warmUp < 0) {
      throw new UserException("Invalid --warm-ups: " + warmUp + " (expected 0 or more)");
    }
    Config config = common.resolve();
    Path root = dir.resolve(size.label());
    Path exports = root.resolve("exports");
    YearMonth start = YearMonth.of(2026, 1);
    Map<String, Figure> figures = new LinkedHashMap<>();
    if (selected.contains("receive")) {
      // The webhook receiver (issue 18): it needs no organisation or lake.
      ReceiveBench.Result receive = ReceiveBench.run(root.resolve("receive-spool"));
      figures.put(
          "receive_payloads_per_s",
          single("receive_payloads_per_s", receive.payloadsPerSecond(), "payloads/s"));
      figures.put("receive_p99_ack_ms", single("receive_p99_ack_ms", receive.p99AckMillis(), "ms"));
      figures.put(
          "receive_fsyncs_per_s",
          single("receive_fsyncs_per_s", receive.fsyncsPerSecond(), "fsyncs/s"));
      figures.put(
          "receive_peak_rss_mb", single("receive_peak_rss_mb", receive.peakRssMegabytes(), "MB"));
      figures.put("receive_rejected", single("receive_rejected", receive.rejected(), "requests"));
      spec.commandLine()
          .getErr()
          .printf("receive: %d payloads in %.1f s%n", receive.acknowledged(), receive.seconds());
      if (selected.size() == 1) {
        print(
            spec.commandLine().getOut(),
            size,
            Runtime.getRuntime().availableProcessors(),
            figures,
            Map.of());
        return ExitCode.OK;
      }
    }
    if (!Files.exists(exports.resolve("truth.json"))) {
      Generator.generate(
          new Generator.Options(size, size.defaultMonths(), 7, exports, start), tool -> {});
    }
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> list = Files.list(exports)) {
      list.filter(path -> Files.isDirectory(path))
          .sorted()
          .forEach(inputs::add); // the Slack zip holds the same messages as the folder
    }
    long bytes = 0;
    for (Path input : inputs) {
      bytes += FileTrees.size(input);
    }
    Map<String, Double> heap = new LinkedHashMap<>();
    Lake lake = new Lake(root.resolve("lake"));
    Instant asOf =
        start.plusMonths(size.defaultMonths()).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    int cores = Runtime.getRuntime().availableProcessors();
    PrintWriter err = spec.commandLine().getErr();
    try (Progress progress =
        Progress.start(
            common, "bench " + size.label(), selected.size(), spec.commandLine().getErr())) {
      run(
          selected, measured, warmUp, config, inputs, bytes, figures, heap, lake, asOf, cores, err,
          start, size, root, progress);
    }
    print(spec.commandLine().getOut(), size, cores, figures, heap);
    return ExitCode.OK;
  }

  private void run(
      List<String> selected,
      int measured,
      int warmUp,
      Config config,
      List<Path> inputs,
      long bytes,
      Map<String, Figure> figures,
      Map<String, Double> heap,
      Lake lake,
      Instant asOf,
      int cores,
      PrintWriter err,
      YearMonth start,
      OrgSize size,
      Path root,
      Progress progress)
      throws Exception {
    if (selected.contains("ingest")) {
      double megabytes = bytes / 1e6;
      List<Double> bare = measure(measured, warmUp, () -> bareParse(inputs));
      figures.put(
          "bare_parse_mb_per_s",
          figure("bare_parse_mb_per_s", bare.stream().map(s -> megabytes / s).toList(), "MB/s"));
      resetPeaks();
      long rssBefore = resetPeakRss();
      List<Double> warm = new ArrayList<>();
      List<Double> ingest =
          measure(
              measured,
              warmUp,
              () -> {
                dev.incidents.core.io.FileTrees.deleteRecursively(lake.root());
                new IngestJob(lake, config, Optional.empty(), ArchiveLimits.DEFAULT)
                    .run(inputs, b -> {});
              },
              warm);
      double first = warm.isEmpty() ? ingest.get(0) : warm.get(0);
      figures.put("ingest_first_run_s", single("ingest_first_run_s", first, "s"));
      heap.put("ingest", peakHeapMb());
      if (rssBefore >= 0) {
        figures.put("peak_rss_mb_ingest", single("peak_rss_mb_ingest", peakRssMb(), "MB"));
      }
      figures.put(
          "ingest_mb_per_s_per_core",
          figure(
              "ingest_mb_per_s_per_core",
              ingest.stream().map(s -> megabytes / s / cores).toList(),
              "MB/s"));
      figures.put(
          "ingest_vs_bare_parse_ratio",
          new Figure("ingest_vs_bare_parse_ratio", median(ingest) / median(bare), 0, 0, "x"));
      figures.put("input_mb", new Figure("input_mb", megabytes, megabytes, megabytes, "MB"));
      err.printf("ingest: %.1f MB, %.1f s median%n", megabytes, median(ingest));
      duckDbAnchor(root.resolve("exports"), root, measured, warmUp, config, figures, err);
      tenfold(size, start, root, config, figures, heap, err);
      progress.step("ingest");
    } else if (!lake.exists(dev.incidents.core.schema.LakeTables.INCIDENTS)) {
      new IngestJob(lake, config, Optional.empty(), ArchiveLimits.DEFAULT).run(inputs, b -> {});
    }
    TransformParameters parameters =
        TransformParameters.from(config, asOf, config.getZone(ConfigKeys.REPORT_TIMEZONE));
    if (selected.contains("transform")) {
      resetPeaks();
      List<Double> duck =
          measure(
              measured,
              warmUp,
              () -> {
                try (Engine engine = TransformCommand.open("duckdb", "", lake, parameters)) {
                  new TransformJob(lake, parameters).run(engine, (s, t) -> {});
                }
              });
      heap.put("transform_duckdb", peakHeapMb());
      resetPeaks();
      List<Double> spark =
          measure(
              measured,
              0,
              () -> {
                try (Engine engine = TransformCommand.open("spark", "local[2]", lake, parameters)) {
                  new TransformJob(lake, parameters).run(engine, (s, t) -> {});
                }
              });
      heap.put("transform_spark", peakHeapMb());
      figures.put("transform_duckdb_s", figure("transform_duckdb_s", duck, "s"));
      figures.put("transform_spark_s", figure("transform_spark_s", spark, "s"));
      figures.put(
          "transform_spark_vs_duckdb_ratio",
          new Figure("transform_spark_vs_duckdb_ratio", median(spark) / median(duck), 0, 0, "x"));
    } else if (!lake.exists(dev.incidents.core.schema.LakeTables.MONTHLY_METRICS)
        && (selected.contains("report")
            || selected.contains("draft")
            || selected.contains("sql"))) {
      try (Engine engine = TransformCommand.open("duckdb", "", lake, parameters)) {
        new TransformJob(lake, parameters).run(engine, (s, t) -> {});
      }
    }
    YearMonth month = start.plusMonths(size.defaultMonths() - 1);
    if (selected.contains("report")) {
      resetPeaks();
      List<Double> report =
          measure(
              measured,
              warmUp,
              () -> {
                try (Connection connection = LakeViews.open(lake)) {
                  ReportWriter.write(
                      new MonthlyReport(
                              connection,
                              config,
                              month,
                              new MonthlyReport.Options(
                                  asOf,
                                  java.util.Optional.of(asOf),
                                  root.resolve("report"),
                                  root.resolve("drafts")))
                          .build(),
                      root.resolve("report"),
                      java.util.EnumSet.of(
                          OutputFormat.MD, OutputFormat.HTML, OutputFormat.XLSX, OutputFormat.PDF));
                }
              });
      heap.put("report", peakHeapMb());
      figures.put("report_s", figure("report_s", report, "s"));
      progress.step("report");
    }
    if (selected.contains("draft")) {
      String incident;
      long messages;
      try (Connection connection = LakeViews.open(lake);
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery(
                  "SELECT f.reference, count(*) FROM chat_messages c JOIN incident_links l ON l.source_key = c.incident_id JOIN incident_facts f ON f.incident_id = l.incident_id GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")) {
        result.next();
        incident = result.getString(1);
        messages = result.getLong(2);
      }
      Drafter drafter = new Drafter(lake, ZoneOffset.UTC, LlmSettings.from(config, "none"), 0);
      resetPeaks();
      List<Double> draft =
          measure(
              measured,
              1,
              () -> {
                try (Connection connection = LakeViews.open(lake)) {
                  drafter.draft(
                      connection,
                      incident,
                      "google",
                      root.resolve("drafts").resolve(incident + ".md"),
                      asOf);
                }
              });
      heap.put("draft", peakHeapMb());
      figures.put("draft_s", figure("draft_s", draft, "s"));
      figures.put(
          "draft_chat_messages",
          new Figure("draft_chat_messages", messages, messages, messages, "messages"));
    }
    if (selected.contains("sql")) {
      try (Connection connection = dev.incidents.reports.sql.ReadOnlyLake.open(lake, "UTC")) {
        String sql =
            "SELECT month, service, percentile_cont(0.5) WITHIN GROUP (ORDER BY time_to_resolve_s) AS p50 FROM (SELECT month, unnest(services) AS service, time_to_resolve_s FROM incident_facts WHERE counted AND time_to_resolve_s IS NOT NULL) GROUP BY ALL";
        List<Double> query =
            measure(
                5,
                1,
                () -> {
                  try (Statement statement = connection.createStatement();
                      ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                      result.getDouble(3);
                    }
                  }
                });
        figures.put(
            "sql_p50_ttr_by_service_month_s", figure("sql_p50_ttr_by_service_month_s", query, "s"));
      }
    }
    for (Map.Entry<String, Double> stage : heap.entrySet()) {
      figures.put(
          "peak_heap_mb_" + stage.getKey(),
          new Figure(
              "peak_heap_mb_" + stage.getKey(),
              stage.getValue(),
              stage.getValue(),
              stage.getValue(),
              "MB"));
    }
  }

  interface Work {
    void run() throws Exception;
  }

  static List<Double> measure(int runs, int warmUps, Work work) throws Exception {
    return measure(runs, warmUps, work, new ArrayList<>());
  }

  /** Measures {@code runs} runs after {@code warmUps}; the warm-ups' times go to {@code warm}. */
  static List<Double> measure(int runs, int warmUps, Work work, List<Double> warm)
      throws Exception {
    for (int i = 0; i < warmUps; i++) {
      long started = System.nanoTime();
      work.run();
      warm.add((System.nanoTime() - started) / 1e9);
    }
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      work.run();
      seconds.add((System.nanoTime() - started) / 1e9);
    }
    return seconds;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** A figure measured once. */
  static Figure single(String key, double value, String unit) {
    return new Figure(key, value, value, value, unit);
  }

  static Figure figure(String key, List<Double> values, String unit) {
    return new Figure(
        key,
        median(values),
        values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        values.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        unit);
  }

  /**
   * The bare ceiling: a Jackson streaming parse of every file, counting tokens, writing nothing.
   */
  static void bareParse(List<Path> inputs) throws IOException {
    JsonFactory factory = new JsonFactory();
    long tokens = 0;
    for (Path input : inputs) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(input)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl"))
                .toList();
      }
      for (Path file : files) {
        try (InputStream stream = Files.newInputStream(file);
            JsonParser parser = factory.createParser(stream)) {
          while (parser.nextToken() != null) {
            tokens++;
          }
        } catch (IOException malformed) {
          // the ceiling counts what parses
        }
      }
    }
    if (tokens < 0) {
      throw new IllegalStateException();
    }
  }

  /**
   * The anchor a user could run instead: DuckDB's {@code read_json} of the organisation's JSON
   * Lines (the Alertmanager history) into one Parquet file on one thread, against {@code incidents
   * ingest} of the same files, in the same run.
   */
  private static void duckDbAnchor(
      Path exports,
      Path root,
      int measured,
      int warmUp,
      Config config,
      Map<String, Figure> figures,
      PrintWriter err)
      throws Exception {
    List<Path> jsonl;
    try (Stream<Path> walk = Files.walk(exports)) {
      jsonl = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    if (jsonl.isEmpty()) {
      err.println("duckdb anchor: no JSON Lines files in the organisation, not measured");
      return;
    }
    long bytes = 0;
    for (Path file : jsonl) {
      bytes += Files.size(file);
    }
    double megabytes = bytes / 1e6;
    Path out = root.resolve("duckdb-anchor.parquet");
    StringBuilder list = new StringBuilder("[");
    for (Path file : jsonl) {
      list.append(list.length() > 1 ? ", " : "")
          .append('\'')
          .append(file.toAbsolutePath().toString().replace("'", "''"))
          .append('\'');
    }
    list.append(']');
    String copy =
        "COPY (SELECT * FROM read_json("
            + list
            + ", format = 'newline_delimited')) TO '"
            + out.toAbsolutePath().toString().replace("'", "''")
            + "' (FORMAT parquet)";
    List<Double> duck =
        measure(
            measured,
            warmUp,
            () -> {
              try (Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                  Statement statement = connection.createStatement()) {
                statement.execute("SET threads = 1");
                statement.execute(copy);
              }
            });
    Files.deleteIfExists(out);
    Lake scratch = new Lake(root.resolve("lake-jsonl"));
    List<Double> ingest =
        measure(
            measured,
            warmUp,
            () -> {
              dev.incidents.core.io.FileTrees.deleteRecursively(scratch.root());
              new IngestJob(scratch, config, Optional.empty(), ArchiveLimits.DEFAULT)
                  .run(jsonl, b -> {});
            });
    dev.incidents.core.io.FileTrees.deleteRecursively(scratch.root());
    figures.put(
        "duckdb_read_json_mb_per_s",
        figure(
            "duckdb_read_json_mb_per_s", duck.stream().map(s -> megabytes / s).toList(), "MB/s"));
    figures.put(
        "ingest_jsonl_mb_per_s",
        figure("ingest_jsonl_mb_per_s", ingest.stream().map(s -> megabytes / s).toList(), "MB/s"));
    figures.put(
        "ingest_vs_duckdb_ratio",
        new Figure("ingest_vs_duckdb_ratio", median(ingest) / median(duck), 0, 0, "x"));
    err.printf(
        "duckdb anchor: %.1f MB of JSON Lines, DuckDB %.1f s, ingest %.1f s%n",
        megabytes, median(duck), median(ingest));
  }

  /**
   * Memory against volume: the same organisation with ten times the alerts and chat, ingested once;
   * the growth is its peak live heap over the 1x run's.
   */
  private static void tenfold(
      OrgSize size,
      YearMonth start,
      Path root,
      Config config,
      Map<String, Figure> figures,
      Map<String, Double> heap,
      PrintWriter err)
      throws Exception {
    Optional<OrgSize> tenfold = size.tenfold();
    if (tenfold.isEmpty()) {
      err.println("ingest 10x: not measured for the " + size.label() + " organisation");
      return;
    }
    Path exports = root.resolveSibling(tenfold.get().label()).resolve("exports");
    if (!Files.exists(exports.resolve("truth.json"))) {
      Generator.generate(
          new Generator.Options(tenfold.get(), size.defaultMonths(), 7, exports, start), t -> {});
    }
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> list = Files.list(exports)) {
      list.filter(Files::isDirectory).sorted().forEach(inputs::add);
    }
    long bytes = 0;
    for (Path input : inputs) {
      bytes += FileTrees.size(input);
    }
    Lake lake = new Lake(exports.resolveSibling("lake"));
    dev.incidents.core.io.FileTrees.deleteRecursively(lake.root());
    resetPeaks();
    long started = System.nanoTime();
    new IngestJob(lake, config, Optional.empty(), ArchiveLimits.DEFAULT).run(inputs, b -> {});
    double seconds = (System.nanoTime() - started) / 1e9;
    double peak = peakHeapMb();
    heap.put("ingest_10x", peak);
    figures.put(
        "ingest_heap_growth_10x", single("ingest_heap_growth_10x", peak / heap.get("ingest"), "x"));
    figures.put("input_mb_10x", single("input_mb_10x", bytes / 1e6, "MB"));
    figures.put(
        "ingest_mb_per_s_per_core_10x",
        single(
            "ingest_mb_per_s_per_core_10x",
            bytes / 1e6 / seconds / Runtime.getRuntime().availableProcessors(),
            "MB/s"));
    err.printf("ingest 10x: %.1f MB in %.1f s%n", bytes / 1e6, seconds);
  }

  /** Resets the process's peak resident set (Linux); -1 where that cannot be done. */
  static long resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return 0;
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** The process's peak resident set since the last reset, from /proc/self/status. */
  static double peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return 0;
  }

  static void resetPeaks() {
    System.gc();
    LiveHeap.reset();
  }

  /**
   * The peak live heap since the last reset: the most heap still in use right after a collection
   * (what the work retains), not the peak of garbage that the collector had not reached yet, which
   * follows the collector's sizing rather than the data.
   */
  static double peakHeapMb() {
    System.gc(); // a last collection, so the end of the stage is measured too
    try {
      Thread.sleep(200); // collection notifications arrive on their own thread
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return LiveHeap.peak() / 1e6;
  }

  private void print(
      PrintWriter out,
      OrgSize size,
      int cores,
      Map<String, Figure> figures,
      Map<String, Double> heap) {
    if (format.equals("json")) {
      StringBuilder json =
          new StringBuilder("{\n  \"org\": \"" + size.label() + "\",\n  \"cores\": " + cores);
      for (Figure figure : figures.values()) {
        json.append(",\n  \"")
            .append(figure.key())
            .append("\": ")
            .append(String.format(Locale.ROOT, "%.4f", figure.median()));
      }
      json.append(",\n  \"min_max\": {");
      int i = 0;
      for (Figure figure : figures.values()) {
        json.append(i++ == 0 ? "" : ", ")
            .append('"')
            .append(figure.key())
            .append("\": [")
            .append(String.format(Locale.ROOT, "%.4f, %.4f", figure.min(), figure.max()))
            .append(']');
      }
      json.append("}\n}\n");
      out.print(json);
      out.flush();
      return;
    }
    out.printf("incidents bench: %s organisation, %d cores%n", size.label(), cores);
    out.printf("  %-34s %12s %12s %12s  %s%n", "figure", "median", "min", "max", "unit");
    for (Figure figure : figures.values()) {
      out.printf(
          Locale.ROOT,
          "  %-34s %12.3f %12.3f %12.3f  %s%n",
          figure.key(),
          figure.median(),
          figure.min(),
          figure.max(),
          figure.unit());
    }
  }
}
