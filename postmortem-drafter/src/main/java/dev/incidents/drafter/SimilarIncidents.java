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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /** A similar incident, how similar, and what it shares with the drafted one. */
  public record Match(
      String reference,
      String title,
      double similarity,
      List<String> reasons,
      Optional<Long> timeToResolve,
      Optional<String> postmortemUrl) {
    public Match {
      reasons = List.copyOf(reasons);
    }
  }

  static String text(IncidentTimeline.Candidate candidate) {
    return candidate.title()
        + ". "
        + candidate.summary().orElse("")
        + " Type: "
        + candidate.incidentType().orElse("null")
        + ".";
  }

  /**
   * Embeds every incident whose text changed since it was last embedded and stores the vectors in
   * {@code incident_embeddings}; returns how many were (re)embedded. A step of its own: {@link
   * #find} only reads.
   */
  public static int refresh(Lake lake, Connection connection) throws SQLException {
    Map<String, IncidentTimeline.CachedEmbedding> cached =
        IncidentTimeline.cachedEmbeddings(connection, MODEL);
    List<Object[]> fresh = new ArrayList<>();
    for (IncidentTimeline.Candidate candidate : IncidentTimeline.candidates(connection, "")) {
      String text = text(candidate);
      String hash = sha(text);
      IncidentTimeline.CachedEmbedding hit = cached.get(candidate.incidentId());
      if (hit == null || !hit.textHash().equals(hash)) {
        fresh.add(
            new RowBuilder(LakeTables.INCIDENT_EMBEDDINGS)
                .set("incident_id", candidate.incidentId())
                .set("text_hash", hash)
                .set("model", MODEL)
                .set("vector", format(model().embed(text).content().vector()))
                .build());
      }
    }
    if (!fresh.isEmpty()) {
      try (TableWrite write = lake.upsert(LakeTables.INCIDENT_EMBEDDINGS)) {
        fresh.forEach(write::add);
        write.commit();
      }
    }
    return fresh.size();
  }

  /**
   * The top {@code limit} incidents reported before {@code incidentId} with a similarity of at
   * least {@code threshold}, each with its reasons (shared service, type or alert rule). Incidents
   * without a current embedding are embedded in memory (not stored); run {@link #refresh} first to
   * cache them.
   */
  public static List<Match> find(
      Connection connection, String incidentId, int limit, double threshold) throws SQLException {
    List<IncidentTimeline.Candidate> candidates =
        IncidentTimeline.candidates(connection, incidentId);
    Map<String, IncidentTimeline.CachedEmbedding> cached =
        IncidentTimeline.cachedEmbeddings(connection, MODEL);
    IncidentTimeline.Candidate target =
        candidates.stream()
            .filter(candidate -> candidate.incidentId().equals(incidentId))
            .findFirst()
            .orElse(null);
    if (target == null) {
      return List.of();
    }
    float[] targetVector = vector(target, cached);
    List<Match> matches = new ArrayList<>();
    for (IncidentTimeline.Candidate candidate : candidates) {
      if (candidate.incidentId().equals(incidentId)
          || candidate.reportedAt().isAfter(target.reportedAt())) {
        continue;
      }
      double similarity = cosine(targetVector, vector(candidate, cached));
      if (similarity < threshold) {
        continue;
      }
      List<String> reasons = new ArrayList<>();
      List<String> services =
          candidate.services().stream().filter(target.services()::contains).toList();
      if (!services.isEmpty()) {
        reasons.add("shared service " + String.join(", ", services));
      }
      if (candidate.incidentType().isPresent()
          && candidate.incidentType().equals(target.incidentType())) {
        reasons.add("same type " + candidate.incidentType().get());
      }
      List<String> rules = candidate.rules().stream().filter(target.rules()::contains).toList();
      if (!rules.isEmpty()) {
        reasons.add("shared alert rule " + String.join(", ", rules));
      }
      matches.add(
          new Match(
              candidate.reference(),
              candidate.title(),
              similarity,
              reasons,
              candidate.timeToResolve(),
              candidate.postmortemUrl()));
    }
    matches.sort(
        Comparator.comparing(Match::similarity).reversed().thenComparing(Match::reference));
    return matches.subList(0, Math.min(limit, matches.size()));
  }

  private static float[] vector(
      IncidentTimeline.Candidate candidate, Map<String, IncidentTimeline.CachedEmbedding> cached) {
    String text = text(candidate);
    IncidentTimeline.CachedEmbedding hit = cached.get(candidate.incidentId());
    if (hit != null && hit.textHash().equals(sha(text))) {
      return parse(hit.vector());
    }
    return model().embed(text).content().vector();
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
