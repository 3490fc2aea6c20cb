package dev.incidents.receiver;

import dev.incidents.receiver.Signatures.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The endpoints. A webhook request is checked in this order: method, endpoint configured, bearer
 * token (before the body is read), body size, signature (over the raw bytes), UTF-8, payload shape
 * and version; then its raw body is appended to the spool and only once that line is fsync'd does
 * the answer become 200.
 */
final class WebhookHandler extends Handler.Abstract {
  private final ReceiverSettings settings;
  private final Spool spool;
  private final ReceiverMetrics metrics;

  WebhookHandler(ReceiverSettings settings, Spool spool, ReceiverMetrics metrics) {
    super(InvocationType.BLOCKING);
    this.settings = settings;
    this.spool = spool;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.equals("/healthz")) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return answer(response, callback, 405, "Use GET\n");
      }
      return spool.healthy()
          ? answer(response, callback, 200, "ok\n")
          : answer(
              response,
              callback,
              503,
              "spool unavailable: " + spool.failure().orElse("shutting down") + "\n");
    }
    if (path.equals("/metrics")) {
      if (!method.equals("GET")) {
        return answer(response, callback, 405, "Use GET\n");
      }
      response.setStatus(200);
      response
          .getHeaders()
          .put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
      Content.Sink.write(response, true, metrics.render(), callback);
      return true;
    }
    Optional<Endpoint> found = Endpoint.fromPath(path);
    if (found.isEmpty()) {
      return answer(response, callback, 404, "Unknown path " + path + "\n");
    }
    Endpoint endpoint = found.get();
    if (!method.equals("POST")) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return reject(
          endpoint, response, callback, RejectReason.METHOD_NOT_ALLOWED, "Use POST " + path);
    }
    if (!settings.configured(endpoint)) {
      drain(request);
      return reject(
          endpoint,
          response,
          callback,
          RejectReason.NOT_CONFIGURED,
          "The " + endpoint.value() + " endpoint is not configured: set " + secretName(endpoint));
    }
    if (endpoint.authentication() == Endpoint.Authentication.BEARER_TOKEN) {
      Optional<Failure> failure =
          Signatures.bearer(
              request.getHeaders().get(HttpHeader.AUTHORIZATION), settings.token().orElseThrow());
      if (failure.isPresent()) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        drain(request);
        return reject(endpoint, response, callback, failure.get());
      }
    }
    long declared = request.getLength();
    if (declared > settings.maxBodyBytes()) {
      // The body is not read: the connection cannot be reused, so say so.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      return reject(endpoint, response, callback, RejectReason.TOO_LARGE, tooLarge(declared));
    }
    byte[] body;
    try (InputStream in = Request.asInputStream(request)) {
      body = in.readNBytes(settings.maxBodyBytes() + 1);
    } catch (IOException e) {
      return reject(
          endpoint,
          response,
          callback,
          RejectReason.MALFORMED_JSON,
          "Cannot read the body: " + e.getMessage());
    }
    if (body.length > settings.maxBodyBytes()) {
      return reject(endpoint, response, callback, RejectReason.TOO_LARGE, tooLarge(-1));
    }
    Optional<String> deliveryId = Optional.empty();
    switch (endpoint.authentication()) {
      case BEARER_TOKEN -> {}
      case PAGERDUTY_SIGNATURE -> {
        Optional<Failure> failure =
            Signatures.pagerDuty(
                request.getHeaders().get("X-PagerDuty-Signature"),
                body,
                settings.pagerDutySecrets());
        if (failure.isPresent()) {
          return reject(endpoint, response, callback, failure.get());
        }
        deliveryId = Optional.ofNullable(request.getHeaders().get("X-Webhook-Id"));
      }
      case STANDARD_WEBHOOKS_SIGNATURE -> {
        String id = request.getHeaders().get("webhook-id");
        Optional<Failure> failure =
            Signatures.standardWebhooks(
                id,
                request.getHeaders().get("webhook-timestamp"),
                request.getHeaders().get("webhook-signature"),
                body,
                settings.incidentIoSecrets(),
                settings.clock().instant());
        if (failure.isPresent()) {
          return reject(endpoint, response, callback, failure.get());
        }
        deliveryId = Optional.of(id);
      }
    }
    Optional<String> text = Payloads.utf8(body);
    if (text.isEmpty()) {
      return reject(
          endpoint, response, callback, RejectReason.MALFORMED_JSON, "The body is not UTF-8");
    }
    Optional<Failure> invalid = Payloads.check(endpoint, text.get());
    if (invalid.isPresent()) {
      return reject(endpoint, response, callback, invalid.get());
    }
    try {
      spool.append(Spool.line(endpoint, settings.clock().instant(), deliveryId, text.get()));
    } catch (SpoolUnavailableException e) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
      return reject(endpoint, response, callback, e.reason(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return reject(
          endpoint, response, callback, RejectReason.SHUTTING_DOWN, "Interrupted while spooling");
    }
    metrics.received(endpoint);
    return answer(response, callback, 200, "accepted\n");
  }

  private static String tooLarge(long declared) {
    return "The body is over the limit of "
        + ReceiverSettings.DEFAULT_MAX_BODY_BYTES
        + " bytes"
        + (declared > 0 ? " (Content-Length " + declared + ")" : "");
  }

  private static String secretName(Endpoint endpoint) {
    return switch (endpoint.authentication()) {
      case BEARER_TOKEN -> "INCIDENTS_RECEIVER_TOKEN";
      case PAGERDUTY_SIGNATURE -> "INCIDENTS_RECEIVER_PAGERDUTY_SECRET";
      case STANDARD_WEBHOOKS_SIGNATURE -> "INCIDENTS_RECEIVER_INCIDENTIO_SECRET";
    };
  }

  /**
   * Reads and drops the body, at most the size limit (an unauthenticated sender must not make us
   * read more), before answering early, so that the sender reads the answer instead of a connection
   * reset while it is still writing, and the connection stays usable for its next request.
   */
  private void drain(Request request) {
    try (InputStream in = Request.asInputStream(request)) {
      byte[] buffer = new byte[8192];
      long left = settings.maxBodyBytes();
      int read;
      while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= read;
      }
    } catch (IOException | RuntimeException e) {
      // A body that cannot be read changes nothing: the answer is the rejection either way.
    }
  }

  private boolean reject(Endpoint endpoint, Response response, Callback callback, Failure failure) {
    return reject(endpoint, response, callback, failure.reason(), failure.message());
  }

  private boolean reject(
      Endpoint endpoint,
      Response response,
      Callback callback,
      RejectReason reason,
      String message) {
    metrics.rejected(endpoint, reason);
    String line = message.lines().findFirst().orElse(reason.value());
    return answer(response, callback, reason.status(), line + "\n");
  }

  private static boolean answer(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    Content.Sink.write(response, true, text, callback);
    return true;
  }
}
