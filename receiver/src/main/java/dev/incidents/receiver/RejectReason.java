package dev.incidents.receiver;

/**
 * Why a request got no 2xx; the {@code reason} label of {@code incidents_receiver_rejected_total}.
 */
public enum RejectReason {
  UNAUTHORIZED("unauthorized", 401),
  BAD_SIGNATURE("bad_signature", 401),
  NOT_CONFIGURED("not_configured", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  MALFORMED_JSON("malformed_json", 400),
  UNKNOWN_VERSION("unknown_version", 400),
  TOO_LARGE("too_large", 413),
  SPOOL_FAILURE("spool_failure", 503),
  SPOOL_FULL("spool_full", 503),
  OVERLOADED("overloaded", 503),
  SHUTTING_DOWN("shutting_down", 503);

  private final String value;
  private final int status;

  RejectReason(String value, int status) {
    this.value = value;
    this.status = status;
  }

  public String value() {
    return value;
  }

  /** The HTTP status answered: 4xx are not retried by Alertmanager, 5xx are. */
  public int status() {
    return status;
  }
}
