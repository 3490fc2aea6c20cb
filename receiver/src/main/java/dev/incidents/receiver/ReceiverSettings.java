package dev.incidents.receiver;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the receiver needs, validated. Secrets come from the environment (the CLI reads them
 * through the configuration's secret keys); an endpoint whose secret is missing answers 404 and is
 * named at start-up.
 *
 * @param token the bearer token of the Alertmanager and Grafana endpoints
 * @param pagerDutySecrets PagerDuty subscription secrets (two while rotating)
 * @param incidentIoSecrets incident.io signing secrets, {@code whsec_<base64>}
 * @param maxConcurrentRequests requests handled at once; more wait in the queue
 * @param maxQueuedRequests requests that may wait; more are answered 503 at once
 * @param maxQueueWait how long a request may wait in the queue before a 503
 * @param idleTimeout a connection with no bytes for this long is closed
 * @param headerTimeout a connection that has not sent a complete request header this long after it
 *     opened is closed
 */
public record ReceiverSettings(
    String bind,
    int port,
    Spool.Settings spool,
    Optional<String> token,
    List<String> pagerDutySecrets,
    List<String> incidentIoSecrets,
    int maxBodyBytes,
    int maxConcurrentRequests,
    int maxQueuedRequests,
    Duration maxQueueWait,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration shutdownTimeout,
    Clock clock) {
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public ReceiverSettings {
    requireNonNull(bind, "bind is null");
    requireNonNull(spool, "spool is null");
    requireNonNull(token, "token is null");
    pagerDutySecrets = List.copyOf(pagerDutySecrets);
    incidentIoSecrets = List.copyOf(incidentIoSecrets);
    requireNonNull(maxQueueWait, "maxQueueWait is null");
    requireNonNull(idleTimeout, "idleTimeout is null");
    requireNonNull(headerTimeout, "headerTimeout is null");
    requireNonNull(shutdownTimeout, "shutdownTimeout is null");
    requireNonNull(clock, "clock is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid port: " + port);
    }
    if (token.isPresent() && token.get().length() < 16) {
      throw new IllegalArgumentException(
          "Invalid INCIDENTS_RECEIVER_TOKEN: at least 16 characters");
    }
    for (String secret : pagerDutySecrets) {
      if (secret.isBlank()) {
        throw new IllegalArgumentException("Invalid PagerDuty secret: blank");
      }
    }
    for (String secret : incidentIoSecrets) {
      if (Signatures.standardKey(secret).length == 0) {
        throw new IllegalArgumentException("Invalid incident.io signing secret: empty key");
      }
    }
    if (token.isEmpty() && pagerDutySecrets.isEmpty() && incidentIoSecrets.isEmpty()) {
      throw new IllegalArgumentException(
          "No endpoint is configured: set INCIDENTS_RECEIVER_TOKEN (Alertmanager, Grafana),"
              + " INCIDENTS_RECEIVER_PAGERDUTY_SECRET or INCIDENTS_RECEIVER_INCIDENTIO_SECRET");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("Invalid body limit: " + maxBodyBytes);
    }
    if (maxConcurrentRequests < 1 || maxQueuedRequests < 0) {
      throw new IllegalArgumentException(
          "Invalid request limits: "
              + maxConcurrentRequests
              + " concurrent, "
              + maxQueuedRequests
              + " queued");
    }
  }

  /** Defaults for everything but where to listen, the spool and the secrets. */
  public static ReceiverSettings of(
      String bind,
      int port,
      Spool.Settings spool,
      Optional<String> token,
      List<String> pagerDutySecrets,
      List<String> incidentIoSecrets) {
    return new ReceiverSettings(
        bind,
        port,
        spool,
        token,
        pagerDutySecrets,
        incidentIoSecrets,
        DEFAULT_MAX_BODY_BYTES,
        64,
        512,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        Clock.systemUTC());
  }

  public ReceiverSettings withLimits(int maxConcurrentRequests, int maxQueuedRequests) {
    return new ReceiverSettings(
        bind,
        port,
        spool,
        token,
        pagerDutySecrets,
        incidentIoSecrets,
        maxBodyBytes,
        maxConcurrentRequests,
        maxQueuedRequests,
        maxQueueWait,
        idleTimeout,
        headerTimeout,
        shutdownTimeout,
        clock);
  }

  public ReceiverSettings withClock(Clock clock) {
    return new ReceiverSettings(
        bind,
        port,
        spool,
        token,
        pagerDutySecrets,
        incidentIoSecrets,
        maxBodyBytes,
        maxConcurrentRequests,
        maxQueuedRequests,
        maxQueueWait,
        idleTimeout,
        headerTimeout,
        shutdownTimeout,
        clock);
  }

  public ReceiverSettings withTimeouts(Duration idleTimeout, Duration headerTimeout) {
    return new ReceiverSettings(
        bind,
        port,
        spool,
        token,
        pagerDutySecrets,
        incidentIoSecrets,
        maxBodyBytes,
        maxConcurrentRequests,
        maxQueuedRequests,
        maxQueueWait,
        idleTimeout,
        headerTimeout,
        shutdownTimeout,
        clock);
  }

  public boolean configured(Endpoint endpoint) {
    return switch (endpoint.authentication()) {
      case BEARER_TOKEN -> token.isPresent();
      case PAGERDUTY_SIGNATURE -> !pagerDutySecrets.isEmpty();
      case STANDARD_WEBHOOKS_SIGNATURE -> !incidentIoSecrets.isEmpty();
    };
  }
}
