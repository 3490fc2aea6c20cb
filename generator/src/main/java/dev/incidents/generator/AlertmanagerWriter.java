package dev.incidents.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.incidents.core.model.AlertFingerprint;
import dev.incidents.generator.IncidentPlan.AlertPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Alertmanager webhook payloads (version 4), one JSON object per line, one file per month. Noise
 * comes from flapping rules that never lead to incidents and from actionable rules firing on their
 * own; incident alerts fire inside their incident's window. Deliveries follow Alertmanager: a
 * firing payload, sometimes an identical re-delivery, and usually a resolved payload at the end. A
 * few payloads use the pre-0.19 shape with no per-alert status or fingerprint.
 */
final class AlertmanagerWriter {
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final Simulation simulation;
  private final Path directory;
  private final GenerationSummary summary;
  private final Cutoff cutoff;

  AlertmanagerWriter(
      Simulation simulation, Path directory, GenerationSummary summary, Cutoff cutoff) {
    this.simulation = simulation;
    this.directory = directory;
    this.summary = summary;
    this.cutoff = cutoff;
  }

  record Firing(
      String rule,
      String service,
      String instance,
      Instant startsAt,
      Instant endsAt,
      boolean legacy,
      long sequence) {}

  record Delivery(Instant at, Firing firing, boolean resolved) {}

  static String fingerprint(String rule, String service, String instance) {
    return AlertFingerprint.of(labels(rule, service, instance));
  }

  static Map<String, String> labels(String rule, String service, String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", rule);
    labels.put("instance", instance);
    labels.put("job", service);
    labels.put("service", service);
    labels.put("severity", AlertCatalog.severityOf(rule));
    return labels;
  }

  void write() throws IOException {
    Organisation organisation = simulation.organisation;
    List<String> services = organisation.allServices();
    Map<LocalDate, List<AlertPlan>> incidentAlerts = new java.util.TreeMap<>();
    for (IncidentPlan plan : simulation.incidents) {
      for (int i = 0; i < plan.alerts.size(); i++) {
        if (plan.paged && i == 0) {
          continue; // the paging alert lives in PagerDuty, linked to its incident
        }
        AlertPlan alert = plan.alerts.get(i);
        incidentAlerts
            .computeIfAbsent(
                alert.firedAt().atZone(ZoneOffset.UTC).toLocalDate(), d -> new ArrayList<>())
            .add(alert);
      }
    }
    long totalIncidentAlerts = incidentAlerts.values().stream().mapToLong(List::size).sum();
    double days = java.time.Duration.between(simulation.start, simulation.end).toDays();
    double noisePerDay =
        Math.max(1, organisation.size.alertsPerMonth * 12 / 365.0 - totalIncidentAlerts / days);
    double perService = noisePerDay / services.size();

    PriorityQueue<Delivery> pending =
        new PriorityQueue<>(
            Comparator.comparing(Delivery::at)
                .thenComparing(d -> d.firing().sequence())
                .thenComparing(Delivery::resolved));
    long sequence = 0;
    JsonGenerator json = null;
    YearMonth openMonth = null;
    Path openPath = null;
    long firings = 0;
    long deliveries = 0;
    for (LocalDate day = simulation.start.atZone(ZoneOffset.UTC).toLocalDate();
        day.isBefore(simulation.end.atZone(ZoneOffset.UTC).toLocalDate());
        day = day.plusDays(1)) {
      Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      if (!cutoff.includes(dayStart)) {
        break; // every delivery still pending is due after the cutoff
      }
      Rng rng = Rng.of(organisation.seed, "alertmanager", day);
      for (String service : services) {
        for (String rule : AlertCatalog.flappingRulesFor(service)) {
          int count = rng.poisson(perService * 0.35);
          for (int i = 0; i < count; i++) {
            Instant starts = Simulation.micros(dayStart.plusMillis(rng.nextLong(86_400_000L)), rng);
            Instant ends = starts.plusSeconds(60 + rng.nextInt(540));
            schedule(
                pending,
                new Firing(
                    rule,
                    service,
                    service + "-" + rng.nextInt(6) + ":9090",
                    starts,
                    ends,
                    rng.chance(0.01),
                    sequence++),
                rng);
            firings++;
          }
        }
        List<String> actionable = AlertCatalog.rulesFor(service);
        int count = rng.poisson(perService * 0.3);
        for (int i = 0; i < count; i++) {
          Instant starts = Simulation.micros(dayStart.plusMillis(rng.nextLong(86_400_000L)), rng);
          Instant ends = starts.plusSeconds(120 + rng.nextInt(1800));
          schedule(
              pending,
              new Firing(
                  rng.pick(actionable),
                  service,
                  service + "-" + rng.nextInt(6) + ":9090",
                  starts,
                  ends,
                  rng.chance(0.01),
                  sequence++),
              rng);
          firings++;
        }
      }
      for (AlertPlan alert : incidentAlerts.getOrDefault(day, List.of())) {
        schedule(
            pending,
            new Firing(
                alert.rule(),
                alert.service(),
                alert.instance(),
                alert.firedAt(),
                alert.endsAt(),
                false,
                sequence++),
            rng);
        firings++;
      }
      Instant dayEnd = dayStart.plusSeconds(86_400);
      while (!pending.isEmpty() && pending.peek().at().isBefore(dayEnd)) {
        Delivery delivery = pending.poll();
        if (delivery.at().isAfter(simulation.end) || !cutoff.includes(delivery.at())) {
          // A resolved delivery after the cutoff is absent: the last payload received says
          // firing, with the zero endsAt.
          continue;
        }
        YearMonth month = YearMonth.from(delivery.at().atZone(ZoneOffset.UTC));
        if (!month.equals(openMonth)) {
          if (json != null) {
            json.close();
            summary.file("alertmanager", openPath);
          }
          openMonth = month;
          openPath = directory.resolve("alerts-" + month + ".jsonl");
          json = JsonOut.open(openPath, false);
          json.setRootValueSeparator(null);
        }
        writePayload(json, delivery);
        json.writeRaw('\n');
        deliveries++;
      }
    }
    if (json != null) {
      json.close();
      summary.file("alertmanager", openPath);
    }
    summary.count("alertmanager.firings", firings);
    summary.count("alertmanager.payloads", deliveries);
  }

  private void schedule(PriorityQueue<Delivery> pending, Firing firing, Rng rng) {
    pending.add(new Delivery(firing.startsAt().plusSeconds(30), firing, false));
    if (rng.chance(0.08)) {
      // An identical re-delivery of the same firing (group_interval): counts once.
      pending.add(new Delivery(firing.startsAt().plusSeconds(330), firing, false));
    }
    if (firing.endsAt() != null && rng.chance(0.6)) {
      pending.add(new Delivery(firing.endsAt().plusSeconds(30), firing, true));
    }
  }

  private static void writePayload(JsonGenerator json, Delivery delivery) throws IOException {
    Firing firing = delivery.firing();
    Map<String, String> labels = labels(firing.rule(), firing.service(), firing.instance());
    String status = delivery.resolved() ? "resolved" : "firing";
    json.writeStartObject();
    json.writeStringField("receiver", "pagerduty-" + firing.service());
    json.writeStringField("status", status);
    json.writeArrayFieldStart("alerts");
    json.writeStartObject();
    if (!firing.legacy()) {
      json.writeStringField("status", status);
    }
    json.writeObjectFieldStart("labels");
    for (Map.Entry<String, String> label : labels.entrySet()) {
      json.writeStringField(label.getKey(), label.getValue());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("annotations");
    json.writeStringField("summary", firing.rule() + " on " + firing.instance());
    json.writeEndObject();
    json.writeStringField("startsAt", Formats.rfc3339Nano(firing.startsAt()));
    json.writeStringField(
        "endsAt", delivery.resolved() ? Formats.rfc3339Nano(firing.endsAt()) : ZERO_TIME);
    if (!firing.legacy()) {
      json.writeStringField(
          "generatorURL", "http://prometheus:9090/graph?g0.expr=" + firing.rule());
      json.writeStringField("fingerprint", AlertFingerprint.of(labels));
    }
    json.writeEndObject();
    json.writeEndArray();
    json.writeObjectFieldStart("groupLabels");
    json.writeStringField("alertname", firing.rule());
    json.writeEndObject();
    json.writeObjectFieldStart("commonLabels");
    for (Map.Entry<String, String> label : labels.entrySet()) {
      json.writeStringField(label.getKey(), label.getValue());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("commonAnnotations");
    json.writeStringField("summary", firing.rule() + " on " + firing.instance());
    json.writeEndObject();
    json.writeStringField("externalURL", "http://alertmanager:9093");
    json.writeStringField("version", "4");
    json.writeStringField("groupKey", "{}:{alertname=\"" + firing.rule() + "\"}");
    json.writeNumberField("truncatedAlerts", 0);
    json.writeEndObject();
  }
}
