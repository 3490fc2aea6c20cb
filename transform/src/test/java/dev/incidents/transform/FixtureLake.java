package dev.incidents.transform;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigResolver;
import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.ActionItemStatus;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IncidentMode;
import dev.incidents.core.model.IncidentStatus;
import dev.incidents.core.model.Milestones;
import dev.incidents.core.model.Page;
import dev.incidents.core.model.PageChannel;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.Severity;
import dev.incidents.core.model.TimelineEvent;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.core.table.CanonicalRows;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.lake.TableWrite;
import dev.incidents.transform.duckdb.DuckDbEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-built canonical lake for metric-rule fixtures, transformed and queried for real. */
final class FixtureLake {
  final Lake lake;
  private final Map<TableSchema, List<Object[]>> rows = new LinkedHashMap<>();
  private int events;

  FixtureLake(Path directory) {
    this.lake = new Lake(directory.resolve("lake"));
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  /** A real incident with the given fields; unset milestones are absent. */
  IncidentBuilder incident(String key) {
    return new IncidentBuilder(key);
  }

  final class IncidentBuilder {
    final String key;
    Severity severity = Severity.SEV1;
    IncidentMode mode = IncidentMode.REAL;
    IncidentStatus status = IncidentStatus.RESOLVED;
    List<String> services = List.of("checkout");
    Instant impact;
    Instant detected;
    Instant reported;
    Instant identified;
    Instant mitigated;
    Instant resolved;
    Instant published;

    IncidentBuilder(String key) {
      this.key = key;
    }

    IncidentBuilder severity(Severity value) {
      severity = value;
      return this;
    }

    IncidentBuilder mode(IncidentMode value) {
      mode = value;
      return this;
    }

    IncidentBuilder status(IncidentStatus value) {
      status = value;
      return this;
    }

    IncidentBuilder services(String... values) {
      services = List.of(values);
      return this;
    }

    IncidentBuilder impact(String value) {
      impact = at(value);
      return this;
    }

    IncidentBuilder reported(String value) {
      reported = at(value);
      return this;
    }

    IncidentBuilder identified(String value) {
      identified = at(value);
      return this;
    }

    IncidentBuilder mitigated(String value) {
      mitigated = at(value);
      return this;
    }

    IncidentBuilder resolved(String value) {
      resolved = at(value);
      return this;
    }

    IncidentBuilder published(String value) {
      published = at(value);
      return this;
    }

    String id() {
      return "test:incident:" + key;
    }

    String add() {
      Incident incident =
          new Incident(
              id(),
              "test",
              key,
              Optional.of("INC-" + key),
              Optional.empty(),
              "Incident " + key,
              Optional.empty(),
              severity,
              Optional.empty(),
              Optional.empty(),
              mode,
              status,
              Optional.empty(),
              services,
              List.of("payments"),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              new Milestones(
                  Optional.ofNullable(impact),
                  Optional.ofNullable(detected),
                  reported,
                  Optional.ofNullable(identified),
                  Optional.ofNullable(mitigated),
                  Optional.ofNullable(resolved),
                  Optional.empty(),
                  Optional.ofNullable(published)),
              "fixture");
      FixtureLake.this.add(LakeTables.INCIDENTS, CanonicalRows.incident(incident));
      return id();
    }
  }

  void event(String incidentId, String at, EventKind kind, Map<String, String> attributes) {
    add(
        LakeTables.TIMELINE_EVENTS,
        CanonicalRows.timelineEvent(
            new TimelineEvent(
                "test:event:" + events++,
                Optional.of(incidentId),
                at(at),
                kind,
                Optional.empty(),
                Optional.empty(),
                "test",
                Optional.empty(),
                attributes)));
  }

  void lead(String incidentId, String at, String who) {
    event(incidentId, at, EventKind.ROLE_ASSIGNED, Map.of("role", "lead", "assignee", who));
  }

  void role(String incidentId, String at, String role, String who) {
    event(incidentId, at, EventKind.ROLE_ASSIGNED, Map.of("role", role, "assignee", who));
  }

  void page(
      String key,
      String incidentId,
      String responder,
      PageChannel channel,
      String pagedAt,
      String acknowledgedAt) {
    add(
        LakeTables.PAGES,
        CanonicalRows.page(
            new Page(
                "test:page:" + key,
                Optional.ofNullable(incidentId),
                responder,
                channel,
                at(pagedAt),
                Optional.ofNullable(acknowledgedAt).map(FixtureLake::at),
                Optional.of(1))));
  }

  void alert(String key, String service, String rule, String firedAt, String incidentId) {
    add(
        LakeTables.ALERTS,
        CanonicalRows.alert(
            new Alert(
                "test:alert:" + key,
                "test",
                Optional.of(key),
                Optional.of(rule),
                Optional.of(rule),
                Optional.of(service),
                Optional.empty(),
                Optional.of("firing"),
                at(firedAt),
                Optional.empty(),
                Optional.ofNullable(incidentId),
                Map.of())));
  }

  void actionItem(
      String key,
      String incidentId,
      String owner,
      LocalDate due,
      ActionItemStatus status,
      String created,
      String completed) {
    add(
        LakeTables.ACTION_ITEMS,
        CanonicalRows.actionItem(
            new ActionItem(
                "test:item:" + key,
                Optional.ofNullable(incidentId),
                "Item " + key,
                Optional.ofNullable(owner),
                Optional.ofNullable(due),
                status,
                Optional.empty(),
                at(created),
                Optional.ofNullable(completed).map(FixtureLake::at),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "test")));
  }

  void person(String email, String zone) {
    add(
        LakeTables.PEOPLE,
        CanonicalRows.person(
            new Person(
                "canonical:user:" + email,
                "canonical",
                email,
                Optional.of(email),
                Optional.of(ZoneId.of(zone)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));
  }

  void add(TableSchema table, Object[] row) {
    rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
  }

  /** Writes the canonical tables and runs the pipeline on DuckDB. */
  void transform(String asOf, Map<String, String> settings) {
    for (Map.Entry<TableSchema, List<Object[]>> table : rows.entrySet()) {
      try (TableWrite write = lake.replace(table.getKey())) {
        table.getValue().forEach(write::add);
        write.commit();
      }
    }
    Config config = ConfigResolver.builder().environment(Map.of()).fileValues(settings).resolve();
    TransformParameters parameters =
        TransformParameters.from(
            config, at(asOf), config.getZone(dev.incidents.core.config.ConfigKeys.REPORT_TIMEZONE));
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      new TransformJob(lake, parameters).run(engine, (step, seconds) -> {});
    }
  }

  List<List<String>> rows(String sql) {
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<String>> out = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        out.add(row);
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError("Query failed: " + sql, e);
    }
  }

  List<String> row(String sql) {
    List<List<String>> all = rows(sql);
    if (all.size() != 1) {
      throw new AssertionError("Expected one row for " + sql + ", got " + all);
    }
    return all.get(0);
  }
}
