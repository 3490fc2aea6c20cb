package dev.incidents.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.pull.http.ApiClient;
import dev.incidents.pull.http.ApiResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Helpers the collectors share: JSON of a page, query encoding, cursor bookkeeping. */
public final class Pages {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Pages() {}

  public static JsonNode json(ApiResponse response) {
    try {
      JsonNode node = MAPPER.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new PullException(
          PullErrorCode.MALFORMED_RESPONSE,
          "GET "
              + ApiClient.path(response.uri())
              + " did not answer a JSON object: "
              + response.excerpt());
    }
  }

  /**
   * The incident of a single-object GET ({@code {"incident":{…}}}) with the id asked for; anything
   * else is a malformed response, named for {@code source}.
   */
  public static JsonNode incident(ApiResponse response, String source, String id) {
    JsonNode incident = json(response).path("incident");
    if (!incident.isObject() || !id.equals(incident.path("id").asText())) {
      throw new PullException(
          PullErrorCode.MALFORMED_RESPONSE,
          source
              + ": GET "
              + ApiClient.path(response.uri())
              + " did not answer {\"incident\":{…}} for "
              + id);
    }
    return incident;
  }

  /** The array {@code field} of a page; a missing array is a malformed response. */
  public static JsonNode array(ApiResponse response, JsonNode page, String field) {
    JsonNode array = page.get(field);
    if (array == null || !array.isArray()) {
      throw new PullException(
          PullErrorCode.MALFORMED_RESPONSE,
          "GET " + ApiClient.path(response.uri()) + " has no array '" + field + "'");
    }
    return array;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Remembers the cursors of one listing; a cursor seen twice is an error, never the end. */
  public static final class Cursors {
    private final Set<String> seen = new HashSet<>();
    private final String what;

    public Cursors(String what) {
      this.what = what;
    }

    public void next(String cursor) {
      if (!seen.add(cursor)) {
        throw new PullException(
            PullErrorCode.REPEATED_CURSOR,
            "The API returned the cursor '" + cursor + "' twice while listing " + what);
      }
    }
  }
}
