package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKey;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.receiver.Receiver;
import dev.incidents.receiver.ReceiverSettings;
import dev.incidents.receiver.Spool;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    description = {
      "Receive Alertmanager, Grafana, PagerDuty (Webhooks v3) and incident.io webhooks into a"
          + " durable spool: a request gets its 200 only after its raw body is fsync'd.",
      "Secrets from the environment only: INCIDENTS_RECEIVER_TOKEN (bearer token of"
          + " /v1/alertmanager and /v1/grafana), INCIDENTS_RECEIVER_PAGERDUTY_SECRET,"
          + " INCIDENTS_RECEIVER_INCIDENTIO_SECRET. Stops gracefully on SIGTERM.",
      "Read the closed segments with `incidents ingest SPOOL_DIR`."
    })
final class ReceiveCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: receiver.bind, 127.0.0.1).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on (default: receiver.port, 9095; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--spool",
      paramLabel = "DIR",
      description = "Spool folder (default: receiver.spool, data/spool).")
  Path spool;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new HashMap<>();
    if (bind != null) {
      flags.put(ConfigKeys.RECEIVER_BIND.name(), bind);
    }
    if (port != null) {
      flags.put(ConfigKeys.RECEIVER_PORT.name(), port.toString());
    }
    if (spool != null) {
      flags.put(ConfigKeys.RECEIVER_SPOOL.name(), spool.toString());
    }
    Config config = common.resolve(flags);
    ReceiverSettings settings;
    try {
      settings = settings(config);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Receiver receiver;
    try {
      receiver = Receiver.start(settings);
    } catch (BindException e) {
      throw new UserException(
          "Cannot listen on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage());
    } catch (java.io.IOException e) {
      if (e.getCause() instanceof BindException bindFailure) {
        throw new UserException(
            "Cannot listen on "
                + settings.bind()
                + ":"
                + settings.port()
                + ": "
                + bindFailure.getMessage());
      }
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  receiver.close();
                  out.printf(
                      "Stopped: %d line(s) spooled, %d fsync(s); the open segment is closed%n",
                      receiver.spool().lines(), receiver.spool().fsyncs());
                  out.flush();
                },
                "receiver-shutdown"));
    receiver.print(out);
    if (!settings.bind().equals("127.0.0.1") && !settings.bind().equals("::1")) {
      out.println(
          "Note: listening beyond loopback without TLS; terminate TLS in front (ingress, proxy).");
    }
    out.flush();
    receiver.join();
    return ExitCode.OK;
  }

  static ReceiverSettings settings(Config config) {
    Spool.Settings spool =
        new Spool.Settings(
            Path.of(config.get(ConfigKeys.RECEIVER_SPOOL)),
            longValue(config, ConfigKeys.RECEIVER_SEGMENT_MAX_BYTES),
            config.getDuration(ConfigKeys.RECEIVER_SEGMENT_MAX_AGE),
            longValue(config, ConfigKeys.RECEIVER_SPOOL_CAPACITY),
            Duration.ZERO);
    return ReceiverSettings.of(
            config.get(ConfigKeys.RECEIVER_BIND),
            config.getInt(ConfigKeys.RECEIVER_PORT),
            spool,
            Optional.of(config.get(ConfigKeys.RECEIVER_TOKEN)).filter(value -> !value.isBlank()),
            secrets(config, ConfigKeys.RECEIVER_PAGERDUTY_SECRET),
            secrets(config, ConfigKeys.RECEIVER_INCIDENTIO_SECRET))
        .withLimits(
            config.getInt(ConfigKeys.RECEIVER_MAX_CONCURRENT),
            config.getInt(ConfigKeys.RECEIVER_MAX_QUEUED));
  }

  private static List<String> secrets(Config config, ConfigKey key) {
    return Arrays.stream(config.get(key).split(","))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .toList();
  }

  private static long longValue(Config config, ConfigKey key) {
    try {
      return Long.parseLong(config.get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid " + key.name() + ": '" + config.get(key) + "' (expected a whole number)");
    }
  }
}
