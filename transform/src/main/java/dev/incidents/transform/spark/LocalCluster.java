package dev.incidents.transform.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A real standalone Spark master and worker on 127.0.0.1, started from the application's own jars:
 * {@code SPARK_HOME/jars} holds the class path (folders of classes are packed into jars), and the
 * master and worker run as {@code java -cp "$SPARK_HOME/jars/*"}. Pids, ports and logs live in the
 * state folder, so {@code down} and {@code status} work from another process.
 */
public final class LocalCluster {
  private final Path state;

  public LocalCluster(Path state) {
    this.state = state.toAbsolutePath().normalize();
  }

  public record Status(boolean running, String masterUrl, long masterPid, long workerPid) {}

  public Path sparkHome() {
    return state.resolve("spark-home");
  }

  /** Starts master and worker (if not running) and waits until the worker has registered. */
  public Status up(List<Path> classPath, String jvmFlags, Duration timeout) {
    Status current = status();
    if (current.running()) {
      return current;
    }
    try {
      Files.createDirectories(state);
      prepareSparkHome(classPath);
      int masterPort = freePort();
      int masterUi = freePort();
      int workerUi = freePort();
      String url = "spark://127.0.0.1:" + masterPort;
      Process master =
          start(
              "master",
              List.of(
                  "org.apache.spark.deploy.master.Master",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(masterPort),
                  "--webui-port",
                  Integer.toString(masterUi)),
              jvmFlags);
      waitForPort(masterPort, timeout);
      Process worker =
          start(
              "worker",
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  url,
                  "--host",
                  "127.0.0.1",
                  "--webui-port",
                  Integer.toString(workerUi),
                  "--cores",
                  "2",
                  "--memory",
                  "2g",
                  "--work-dir",
                  state.resolve("work").toString()),
              jvmFlags);
      Properties properties = new Properties();
      properties.setProperty("master.url", url);
      properties.setProperty("master.pid", Long.toString(master.pid()));
      properties.setProperty("worker.pid", Long.toString(worker.pid()));
      try (var out = Files.newOutputStream(state.resolve("cluster.properties"))) {
        properties.store(out, "incidents cluster");
      }
      waitForWorker(timeout);
      return status();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Spark cluster in " + state, e);
    }
  }

  public Status status() {
    Path file = state.resolve("cluster.properties");
    if (!Files.exists(file)) {
      return new Status(false, "", -1, -1);
    }
    Properties properties = new Properties();
    try (var in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      return new Status(false, "", -1, -1);
    }
    long master = Long.parseLong(properties.getProperty("master.pid", "-1"));
    long worker = Long.parseLong(properties.getProperty("worker.pid", "-1"));
    boolean running = alive(master) && alive(worker);
    return new Status(running, properties.getProperty("master.url", ""), master, worker);
  }

  /** Stops the worker, then the master; waits for both to exit. */
  public void down() {
    Status status = status();
    for (long pid : new long[] {status.workerPid(), status.masterPid()}) {
      ProcessHandle.of(pid)
          .ifPresent(
              process -> {
                // Executors are children of the worker: stop them too.
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                try {
                  process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                  process.destroyForcibly();
                }
              });
    }
    try {
      Files.deleteIfExists(state.resolve("cluster.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean alive(long pid) {
    return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private void prepareSparkHome(List<Path> classPath) throws IOException {
    Path jars = sparkHome().resolve("jars");
    if (Files.exists(jars)) {
      try (Stream<Path> list = Files.list(jars)) {
        for (Path old : list.toList()) {
          Files.delete(old);
        }
      }
    }
    Files.createDirectories(jars);
    // The launcher looks for $SPARK_HOME/jars when a RELEASE file marks a binary distribution.
    Files.writeString(
        sparkHome().resolve("RELEASE"), "Spark from the incidents application's jars\n");
    int index = 0;
    for (Path entry : classPath) {
      if (Files.isDirectory(entry)) {
        packFolder(entry, jars.resolve(String.format("classes-%03d.jar", index++)));
      } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
        Path link = jars.resolve(entry.getFileName().toString());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, entry.toAbsolutePath());
        }
      }
    }
  }

  private static void packFolder(Path folder, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(folder.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  private Process start(String name, List<String> arguments, String jvmFlags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // The cluster logs at INFO to its own files: registration and executor launches are read from
    // them.
    Path logConfig = state.resolve("log4j2-cluster.properties");
    if (!Files.exists(logConfig)) {
      Files.writeString(
          logConfig,
          String.join(
              "\n",
              "rootLogger.level = info",
              "rootLogger.appenderRef.stdout.ref = console",
              "appender.console.type = Console",
              "appender.console.name = console",
              "appender.console.layout.type = PatternLayout",
              "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n",
              ""));
    }
    command.add("-Dlog4j2.configurationFile=" + logConfig.toUri());
    for (String flag : jvmFlags.trim().split("\\s+")) {
      if (!flag.isBlank()) {
        command.add(flag);
      }
    }
    command.add("-cp");
    command.add(sparkHome().resolve("jars") + "/*");
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.put("SPARK_HOME", sparkHome().toString());
    environment.put("SPARK_SCALA_VERSION", "2.13");
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    environment.put("SPARK_EXECUTOR_OPTS", jvmFlags);
    builder.redirectErrorStream(true);
    builder.redirectOutput(state.resolve(name + ".log").toFile());
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static void waitForPort(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        sleep(200);
      }
    }
    throw new IllegalStateException(
        "The Spark master did not open port " + port + " within " + timeout);
  }

  private void waitForWorker(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path log = state.resolve("worker.log");
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)
          && Files.readString(log).contains("Successfully registered with master")) {
        return;
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "The Spark worker did not register within " + timeout + "; see " + log);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The current JVM's class path entries. */
  public static List<Path> currentClassPath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  public Optional<String> masterUrl() {
    Status status = status();
    return status.running() ? Optional.of(status.masterUrl()) : Optional.empty();
  }
}
