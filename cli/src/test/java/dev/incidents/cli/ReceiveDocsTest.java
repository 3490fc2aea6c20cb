package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command line of docs/receive.md: each {@code incidents} command (shell, cron, systemd and
 * Kubernetes snippets) is accepted by the parser, the YAML snippets parse and say what the page
 * promises, and the shell block lines are run in order against a temporary spool and lake.
 */
class ReceiveDocsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path temp;

  record Block(String language, List<String> lines) {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("docs/receive.md")) ? here : here.getParent();
  }

  static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    List<String> current = null;
    String language = null;
    for (String line : Files.readAllLines(root().resolve("docs/receive.md"))) {
      if (line.startsWith("```")) {
        if (current == null) {
          language = line.substring(3).trim();
          current = new ArrayList<>();
        } else {
          blocks.add(new Block(language, current));
          current = null;
        }
      } else if (current != null) {
        current.add(line);
      }
    }
    assertThat(current).as("an unclosed code block").isNull();
    return blocks;
  }

  static List<Block> blocks(String language) throws IOException {
    return blocks().stream().filter(block -> block.language().equals(language)).toList();
  }

  /** Shell-like words: whitespace-separated, quotes grouping and removed. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : text.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
      }
    }
    if (any || word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  /** The arguments of each {@code incidents} command in a shell command line. */
  static List<List<String>> incidentsCommands(String commandLine) {
    List<List<String>> commands = new ArrayList<>();
    for (String segment : commandLine.split("&&|\\|\\||;")) {
      List<String> words = words(segment.trim());
      if (!words.isEmpty()
          && (words.get(0).equals("./incidents") || words.get(0).endsWith("/incidents"))) {
        commands.add(words.subList(1, words.size()));
      }
    }
    return commands;
  }

  /** Every shell command line of the page: bash lines, cron lines, ExecStart, Kubernetes args. */
  static List<String> commandLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Block block : blocks()) {
      switch (block.language()) {
        case "bash" -> lines.addAll(block.lines().stream().filter(l -> !l.isBlank()).toList());
        case "cron" ->
            block.lines().stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> lines.add(l.split("\\s+", 6)[5]));
        case "ini" ->
            block.lines().stream()
                .filter(l -> l.startsWith("ExecStart="))
                .map(l -> l.substring("ExecStart=".length()))
                .map(l -> l.startsWith("/bin/sh -c '") ? l.substring(12, l.length() - 1) : l)
                .forEach(lines::add);
        case "yaml" -> {
          for (JsonNode document : yamlDocuments(block)) {
            for (JsonNode container : containers(document)) {
              List<String> command = new ArrayList<>();
              container.path("command").forEach(node -> command.add(node.asText()));
              List<String> args = new ArrayList<>();
              container.path("args").forEach(node -> args.add(node.asText()));
              if (command.equals(List.of("/bin/sh", "-c"))) {
                lines.add(args.get(0));
              } else if (!command.isEmpty()) {
                lines.add(String.join(" ", command) + " " + String.join(" ", args));
              }
            }
          }
        }
        default -> {}
      }
    }
    return lines;
  }

  static List<JsonNode> yamlDocuments(Block block) throws IOException {
    return YAML.readValues(
            YAML.getFactory().createParser(String.join("\n", block.lines())), JsonNode.class)
        .readAll();
  }

  static List<JsonNode> containers(JsonNode document) {
    List<JsonNode> containers = new ArrayList<>();
    document.path("spec").path("template").path("spec").path("containers").forEach(containers::add);
    document
        .path("spec")
        .path("jobTemplate")
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .forEach(containers::add);
    return containers;
  }

  @Test
  void everyIncidentsCommandOfThePageIsAcceptedByTheParser() throws Exception {
    List<List<String>> commands = new ArrayList<>();
    for (String line : commandLines()) {
      commands.addAll(incidentsCommands(line));
    }
    // start (bash, systemd, Kubernetes) + ingest/transform/draft (bash, systemd, cron, CronJob)
    assertThat(commands).hasSize(3 + 4 * 3);
    assertThat(commands.stream().map(command -> command.get(0)).distinct())
        .containsExactlyInAnyOrder("receive", "ingest", "transform", "draft");
    for (List<String> command : commands) {
      CommandLine.ParseResult parsed =
          new CommandLine(new Main()).parseArgs(command.toArray(String[]::new));
      assertThat(parsed.hasSubcommand()).as(command.toString()).isTrue();
      assertThat(parsed.subcommand().unmatched()).as(command.toString()).isEmpty();
    }
  }

  @Test
  void yamlSnippetsParseAndSayWhatThePagePromises() throws Exception {
    List<Block> yaml = blocks("yaml");
    assertThat(yaml).hasSize(3);
    JsonNode alertmanager = yamlDocuments(yaml.get(0)).get(0);
    JsonNode webhook = alertmanager.path("receivers").get(1).path("webhook_configs").get(0);
    assertThat(webhook.path("url").asText()).endsWith("/v1/alertmanager");
    assertThat(webhook.path("send_resolved").asBoolean()).isTrue();
    assertThat(webhook.path("http_config").path("authorization").path("type").asText())
        .isEqualTo("Bearer");
    assertThat(alertmanager.path("route").path("routes").get(0).path("continue").asBoolean())
        .isTrue();
    JsonNode grafana = yamlDocuments(yaml.get(1)).get(0);
    JsonNode contact = grafana.path("contactPoints").get(0).path("receivers").get(0);
    assertThat(contact.path("type").asText()).isEqualTo("webhook");
    assertThat(contact.path("settings").path("url").asText()).endsWith("/v1/grafana");
    assertThat(contact.path("settings").path("authorization_scheme").asText()).isEqualTo("Bearer");
    List<JsonNode> kubernetes = yamlDocuments(yaml.get(2));
    assertThat(kubernetes.stream().map(document -> document.path("kind").asText()))
        .containsExactly("Deployment", "Service", "CronJob");
    JsonNode receiver = containers(kubernetes.get(0)).get(0);
    assertThat(receiver.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/healthz");
    assertThat(receiver.path("ports").get(0).path("containerPort").asInt()).isEqualTo(9095);
    assertThat(kubernetes.get(1).path("spec").path("ports").get(0).path("port").asInt())
        .isEqualTo(9095);
  }

  @Test
  void theShellLinesRunInOrderAgainstATemporarySpoolAndLake() throws Exception {
    Path spool = temp.resolve("spool");
    Path lake = temp.resolve("lake");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> lines = new ArrayList<>();
    blocks("bash").forEach(block -> lines.addAll(block.lines()));
    assertThat(lines).hasSize(6);
    String token = null;
    int ran = 0;
    for (String line : lines) {
      String local =
          line.replace("data/spool", spool.toString())
              .replace("data/lake", lake.toString())
              .replace("data/drafts", temp.resolve("drafts").toString())
              .replace("9095", Integer.toString(port));
      if (line.startsWith("export INCIDENTS_RECEIVER_TOKEN=")) {
        token = shell(local + "; printf %s \"$INCIDENTS_RECEIVER_TOKEN\"").strip();
        assertThat(token).hasSizeGreaterThanOrEqualTo(16);
      } else if (line.startsWith("./incidents receive ")) {
        receiveOnePayload(incidentsCommands(local).get(0), token, port, spool);
      } else if (line.startsWith("./incidents ingest ")) {
        // Setup, not a line of the page: an incident export, so transform and draft have work.
        assertThat(
                run(
                    "ingest",
                    "--lake",
                    lake.toString(),
                    fixtures().resolve("pagerduty/incidents_list.example.json").toString()))
            .isIn(ExitCode.OK, ExitCode.PARTIAL);
        assertThat(run(incidentsCommands(local).get(0).toArray(String[]::new)))
            .isEqualTo(ExitCode.OK);
      } else if (line.startsWith("./incidents ")) {
        assertThat(run(incidentsCommands(local).get(0).toArray(String[]::new)))
            .as(local)
            .isEqualTo(ExitCode.OK);
      } else if (line.startsWith("find ")) {
        Path old = spool.resolve("segment-0000009999.jsonl");
        Files.writeString(old, "");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        shell(local);
        assertThat(old).doesNotExist();
        try (Stream<Path> files = Files.list(spool)) {
          assertThat(files.map(f -> f.getFileName().toString()))
              .contains("segment-0000000000.jsonl");
        }
      } else {
        throw new AssertionError("A shell line the test does not know how to run: " + line);
      }
      ran++;
    }
    assertThat(ran).isEqualTo(6);
  }

  /** The project's hand-written fixtures in vendor shapes (testdata/fixtures). */
  private static Path fixtures() {
    String configured = System.getProperty("incidents.samples.dir");
    return (configured != null ? Path.of(configured) : root().resolve("testdata/samples"))
        .toAbsolutePath()
        .normalize()
        .getParent()
        .resolve("fixtures");
  }

  private int run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(arguments, new PrintWriter(out), new PrintWriter(err));
    if (exit != ExitCode.OK) {
      System.out.println(String.join(" ", arguments) + "\n" + out + err);
    }
    return exit;
  }

  private static String shell(String line) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(line + "\n" + output).isZero();
    return output;
  }

  /** The page's receive line in a child JVM; one Alertmanager payload; SIGTERM. */
  private static void receiveOnePayload(List<String> arguments, String token, int port, Path spool)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("INCIDENTS_RECEIVER_TOKEN", token);
    Process process = builder.start();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch listening = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  output.add(line);
                  if (line.startsWith("Listening on ")) {
                    listening.countDown();
                  }
                }
              } catch (IOException e) {
                // stopped
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      assertThat(listening.await(60, TimeUnit.SECONDS)).as(output.toString()).isTrue();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/v1/alertmanager"))
                      .header("Authorization", "Bearer " + token)
                      .POST(
                          HttpRequest.BodyPublishers.ofFile(
                              fixtures()
                                  .getParent()
                                  .resolve("samples/alertmanager/zulip__alert.json")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    } finally {
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    // SIGTERM closed the open segment: one closed segment with the one line, no open one.
    assertThat(Files.readAllLines(spool.resolve("segment-0000000000.jsonl"))).hasSize(1);
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".open-segment-"));
    }
  }
}
