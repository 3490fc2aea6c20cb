package dev.incidents.drafter;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import dev.incidents.lake.Lake;
import dev.incidents.lake.TableWrite;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Similar past incidents by sentence embeddings (all-MiniLM-L6-v2, shipped inside its jar and run
 * offline). Embeddings are cached in the lake's {@code incident_embeddings} table and recomputed
 * only when an incident's text changes.
 */
public final class SimilarIncidents {
  static final String MODEL = "all-MiniLM-L6-v2";
  private static EmbeddingModel model;

  private SimilarIncidents() {}

  static synchronized EmbeddingModel model() {
    if (model == null) {
      model = new AllMiniLmL6V2EmbeddingModel();
    }
    return model;
  }

  public record Match(
      String reference,
      String title,
      double similarity,
      Long timeToResolve,
      String postmortemUrl) {}

  static String text(Map<String, Object> row) {
    return row.get("title")
        + ". "
        + (row.get("summary") == null ? "" : row.get("summary"))
        + " Type: "
        + row.get("incident_type")
        + ".";
  }

  /** The top {@code limit} incidents most like {@code incidentId}, reported before it. */
  public static List<Match> find(Lake lake, Connection connection, String incidentId, int limit)
      throws SQLException {
    List<Map<String, Object>> incidents =
        IncidentTimeline.rows(
            connection,
            "SELECT f.incident_id, f.reference, f.title, f.incident_type, f.time_to_resolve_s, f.reported_at, i.summary, i.postmortem_url FROM incident_facts f LEFT JOIN incidents i USING (incident_id) WHERE f.counted OR f.incident_id = ?",
            incidentId);
    Map<String, String[]> cached = new HashMap<>();
    for (Map<String, Object> row :
        IncidentTimeline.rows(
            connection,
            "SELECT incident_id, text_hash, vector FROM incident_embeddings WHERE model = ?",
            MODEL)) {
      cached.put(
          (String) row.get("incident_id"),
          new String[] {(String) row.get("text_hash"), (String) row.get("vector")});
    }
    Map<String, float[]> vectors = new HashMap<>();
    List<Object[]> fresh = new ArrayList<>();
    for (Map<String, Object> row : incidents) {
      String id = (String) row.get("incident_id");
      String text = text(row);
      String hash = sha(text);
      String[] hit = cached.get(id);
      float[] vector;
      if (hit != null && hit[0].equals(hash)) {
        vector = parse(hit[1]);
      } else {
        vector = model().embed(text).content().vector();
        fresh.add(
            new RowBuilder(LakeTables.INCIDENT_EMBEDDINGS)
                .set("incident_id", id)
                .set("text_hash", hash)
                .set("model", MODEL)
                .set("vector", format(vector))
                .build());
      }
      vectors.put(id, vector);
    }
    if (!fresh.isEmpty()) {
      try (TableWrite write = lake.upsert(LakeTables.INCIDENT_EMBEDDINGS)) {
        fresh.forEach(write::add);
        write.commit();
      }
    }
    float[] target = vectors.get(incidentId);
    Object targetReported =
        incidents.stream()
            .filter(r -> r.get("incident_id").equals(incidentId))
            .findFirst()
            .map(r -> r.get("reported_at"))
            .orElse(null);
    List<Match> matches = new ArrayList<>();
    for (Map<String, Object> row : incidents) {
      String id = (String) row.get("incident_id");
      if (id.equals(incidentId) || target == null) {
        continue;
      }
      if (targetReported != null
          && IncidentTimeline.instant(row.get("reported_at"))
              .isAfter(IncidentTimeline.instant(targetReported))) {
        continue;
      }
      Object ttr = row.get("time_to_resolve_s");
      matches.add(
          new Match(
              (String) row.get("reference"),
              (String) row.get("title"),
              cosine(target, vectors.get(id)),
              ttr == null ? null : ((Number) ttr).longValue(),
              (String) row.get("postmortem_url")));
    }
    matches.sort(
        Comparator.comparing(Match::similarity).reversed().thenComparing(Match::reference));
    return matches.subList(0, Math.min(limit, matches.size()));
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-12);
  }

  static String sha(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String format(float[] vector) {
    StringBuilder out = new StringBuilder();
    for (float value : vector) {
      out.append(out.length() == 0 ? "" : ",").append(value);
    }
    return out.toString();
  }

  static float[] parse(String text) {
    String[] parts = text.split(",");
    float[] vector = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      vector[i] = Float.parseFloat(parts[i]);
    }
    return vector;
  }
}
