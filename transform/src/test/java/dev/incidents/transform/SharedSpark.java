package dev.incidents.transform;

import dev.incidents.transform.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** One local Spark session per test JVM, bound to loopback; stopped when the JVM exits. */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSessions.create("local[2]", "incidents-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
