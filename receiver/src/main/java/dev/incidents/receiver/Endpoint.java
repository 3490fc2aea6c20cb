package dev.incidents.receiver;

import java.util.Optional;

/**
 * The webhook endpoints, each with its path, its spool name and how a request proves where it came
 * from.
 */
public enum Endpoint {
  ALERTMANAGER("alertmanager", Authentication.BEARER_TOKEN),
  GRAFANA("grafana", Authentication.BEARER_TOKEN),
  PAGERDUTY("pagerduty", Authentication.PAGERDUTY_SIGNATURE),
  INCIDENTIO("incidentio", Authentication.STANDARD_WEBHOOKS_SIGNATURE);

  /** How an endpoint authenticates a request. */
  public enum Authentication {
    /** {@code Authorization: Bearer <INCIDENTS_RECEIVER_TOKEN>}. */
    BEARER_TOKEN,
    /** {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>[,v1=...]}. */
    PAGERDUTY_SIGNATURE,
    /** {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}. */
    STANDARD_WEBHOOKS_SIGNATURE
  }

  private final String value;
  private final Authentication authentication;

  Endpoint(String value, Authentication authentication) {
    this.value = value;
    this.authentication = authentication;
  }

  /** The name in the path ({@code /v1/<value>}), in the spool and in the metrics. */
  public String value() {
    return value;
  }

  public String path() {
    return "/v1/" + value;
  }

  public Authentication authentication() {
    return authentication;
  }

  public static Optional<Endpoint> fromPath(String path) {
    for (Endpoint endpoint : values()) {
      if (endpoint.path().equals(path)) {
        return Optional.of(endpoint);
      }
    }
    return Optional.empty();
  }
}
