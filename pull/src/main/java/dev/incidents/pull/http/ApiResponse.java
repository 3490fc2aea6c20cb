package dev.incidents.pull.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One HTTP response: status, headers and the body bytes exactly as received. */
public record ApiResponse(URI uri, int status, HttpHeaders headers, byte[] body) {
  public ApiResponse {
    requireNonNull(uri, "uri is null");
    requireNonNull(headers, "headers is null");
    requireNonNull(body, "body is null");
  }

  /** The first 300 characters of the body, for one-line error messages. */
  public String excerpt() {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
