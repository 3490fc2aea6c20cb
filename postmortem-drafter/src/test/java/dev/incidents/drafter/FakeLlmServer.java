package dev.incidents.drafter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server standing in for the LLM API. It speaks the OpenAI chat-completions, Ollama
 * chat and Anthropic messages protocols, answers from a script (status, content, delay), and
 * records every request (path, headers, body).
 */
final class FakeLlmServer implements AutoCloseable {
  record Reply(int status, String content, long delayMillis) {}

  record Request(String path, String body, String apiKey) {}

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private Reply fallback =
      new Reply(
          200,
          "### Summary\nok\n### Impact\nok\n### Root-cause hypotheses\nok\n### Lessons\nok",
          0);

  FakeLlmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized FakeLlmServer then(int status, String content) {
    script.add(new Reply(status, content, 0));
    return this;
  }

  synchronized FakeLlmServer thenSlow(long delayMillis) {
    script.add(new Reply(200, "### Summary\nlate", delayMillis));
    return this;
  }

  synchronized FakeLlmServer always(String content) {
    fallback = new Reply(200, content, 0);
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Reply reply;
    synchronized (this) {
      String key = exchange.getRequestHeaders().getFirst("Authorization");
      if (key == null) {
        key = exchange.getRequestHeaders().getFirst("x-api-key");
      }
      requests.add(new Request(exchange.getRequestURI().getPath(), body, key));
      reply = script.isEmpty() ? fallback : script.poll();
    }
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String path = exchange.getRequestURI().getPath();
    String json;
    if (reply.status() != 200) {
      json = "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}";
    } else if (path.endsWith("/api/chat")) {
      json =
          "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":"
              + quote(reply.content())
              + "},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":1}";
    } else if (path.endsWith("/messages")
        && body.contains("\"tools\"")
        && reply.content().startsWith("{")) {
      json =
          "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"write_postmortem_narrative\",\"input\":"
              + reply.content()
              + "}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    } else if (path.endsWith("/messages")) {
      json =
          "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":"
              + quote(reply.content())
              + "}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    } else {
      json =
          "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
              + quote(reply.content())
              + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException clientGone) {
      // the client timed out first
    }
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
