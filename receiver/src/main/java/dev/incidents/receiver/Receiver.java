package dev.incidents.receiver;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code incidents receive}: an embedded Jetty 12 server in front of the {@link Spool}.
 *
 * <ul>
 *   <li>At most {@code maxConcurrentRequests} requests are handled at once; up to {@code
 *       maxQueuedRequests} more wait (suspended, holding no thread) for at most {@code
 *       maxQueueWait}; beyond that the answer is 503 at once ({@link RejectReason#OVERLOADED}), so
 *       memory stays bounded under any load.
 *   <li>Connections idle for {@code idleTimeout} are closed, and so are connections that have not
 *       sent a complete first request header within {@code headerTimeout} (slow-header clients).
 *   <li>{@link #close} is graceful: new requests get 503, requests in flight finish (up to {@code
 *       shutdownTimeout}), then the spool writes what is queued and closes its open segment.
 * </ul>
 */
public final class Receiver implements AutoCloseable {
  private final ReceiverSettings settings;
  private final ReceiverMetrics metrics;
  private final Spool spool;
  private final Server server;
  private final ServerConnector connector;
  private final ScheduledExecutorService sweeper;
  private final GracefulHandler graceful;
  private volatile boolean closed;

  private Receiver(ReceiverSettings settings) throws Exception {
    this.settings = settings;
    this.metrics = new ReceiverMetrics();
    this.spool = Spool.open(settings.spool(), settings.clock(), metrics::fsync);
    metrics.spoolBytes(spool::bytes);
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxConcurrentRequests() + 24, 8);
    threads.setName("receiver");
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(16 * 1024);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(256);
    server.addConnector(connector);
    QoSHandler queue = new CountingQoSHandler(metrics);
    queue.setMaxRequestCount(settings.maxConcurrentRequests());
    queue.setMaxSuspendedRequestCount(settings.maxQueuedRequests());
    queue.setMaxSuspend(settings.maxQueueWait());
    queue.setHandler(new WebhookHandler(settings, spool, metrics));
    this.graceful = new CountingGracefulHandler(queue, metrics);
    server.setHandler(graceful);
    server.setStopTimeout(settings.shutdownTimeout().toMillis());
    server.setStopAtShutdown(false);
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "receiver-header-timeout");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Opens (recovering) the spool and starts listening. */
  public static Receiver start(ReceiverSettings settings) throws Exception {
    Receiver receiver = new Receiver(settings);
    try {
      receiver.server.start();
    } catch (Exception e) {
      receiver.spool.close();
      throw e;
    }
    long period = Math.max(50, settings.headerTimeout().toMillis() / 4);
    receiver.sweeper.scheduleAtFixedRate(
        receiver::closeSlowHeaders, period, period, TimeUnit.MILLISECONDS);
    return receiver;
  }

  /** The port listened on (the chosen one when the settings asked for 0). */
  public int port() {
    return connector.getLocalPort();
  }

  public Spool spool() {
    return spool;
  }

  public ReceiverMetrics metrics() {
    return metrics;
  }

  /** The lines printed at start-up: where, which endpoints, what recovery found. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Listening on http://"
            + settings.bind()
            + ":"
            + port()
            + " with the spool in "
            + settings.spool().directory()
            + " (segments up to "
            + settings.spool().segmentMaxBytes()
            + " bytes or "
            + settings.spool().segmentMaxAge().toSeconds()
            + " s; capacity "
            + (settings.spool().capacityBytes() == 0
                ? "unlimited"
                : settings.spool().capacityBytes() + " bytes")
            + ")");
    for (Endpoint endpoint : Endpoint.values()) {
      lines.add(
          "  POST "
              + endpoint.path()
              + (settings.configured(endpoint)
                  ? ": on (" + endpoint.authentication().name().toLowerCase() + ")"
                  : ": off, answers 404 (its secret is not set)"));
    }
    Spool.Recovery recovery = spool.recovery();
    if (recovery.segmentsClosed() > 0 || recovery.tornBytes() > 0) {
      lines.add(
          "Recovered "
              + recovery.segmentsClosed()
              + " segment(s) left open ("
              + recovery.linesKept()
              + " complete lines kept); "
              + recovery.tornBytes()
              + " torn byte(s) never acknowledged moved to "
              + recovery.tornFiles());
    }
    return lines;
  }

  public void print(PrintWriter out) {
    describe().forEach(out::println);
    out.flush();
  }

  /** Requests being handled now (not those waiting in the queue). */
  public long busyRequests() {
    return graceful.getCurrentRequestCount();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  private void closeSlowHeaders() {
    long now = System.currentTimeMillis();
    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
      Connection connection = endPoint.getConnection();
      if (connection != null
          && connection.getMessagesIn() == 0
          && now - endPoint.getCreatedTimeStamp() > settings.headerTimeout().toMillis()) {
        endPoint.close(new TimeoutException("No complete request header in time"));
      }
    }
  }

  /** Graceful stop: in-flight requests finish, then the spool closes its segment. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sweeper.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      // the spool must still close its segment
    } finally {
      spool.close();
    }
  }

  /** Counts the 503s answered while shutting down. */
  private static final class CountingGracefulHandler extends GracefulHandler {
    private final ReceiverMetrics metrics;

    CountingGracefulHandler(QoSHandler handler, ReceiverMetrics metrics) {
      super(handler);
      this.metrics = metrics;
    }

    @Override
    protected void handleShutdownRejection(Request request, Response response, Callback callback) {
      metrics.rejected(
          Endpoint.fromPath(Request.getPathInContext(request)).orElse(null),
          RejectReason.SHUTTING_DOWN);
      super.handleShutdownRejection(request, response, callback);
    }
  }

  /** Counts the 503s the request queue answers, by reason. */
  private static final class CountingQoSHandler extends QoSHandler {
    private final ReceiverMetrics metrics;

    CountingQoSHandler(ReceiverMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
      metrics.rejected(endpointOf(request), RejectReason.OVERLOADED);
      super.reject(request, response, callback, status);
    }

    @Override
    protected void expireSuspended(Request request, Response response, Callback callback) {
      metrics.rejected(endpointOf(request), RejectReason.OVERLOADED);
      super.expireSuspended(request, response, callback);
    }

    private static Endpoint endpointOf(Request request) {
      return Endpoint.fromPath(Request.getPathInContext(request)).orElse(null);
    }
  }
}
