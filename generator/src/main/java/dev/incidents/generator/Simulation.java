package dev.incidents.generator;

import dev.incidents.generator.IncidentPlan.ActionItemPlan;
import dev.incidents.generator.IncidentPlan.AlertPlan;
import dev.incidents.generator.IncidentPlan.PageEvent;
import dev.incidents.generator.Organisation.Person;
import dev.incidents.generator.Organisation.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seeded simulation of incidents. Phases follow the observed breakdown of a manual process for
 * P1s (assemble about 12 min, troubleshoot about 20, mitigate about 4, cleanup about 12) with
 * log-normal, heavy-tailed variation; teams improve month by month.
 */
final class Simulation {
  static final List<String> INCIDENT_TYPES =
      List.of("Default", "Deploy", "Database", "Capacity", "Dependency", "Configuration");

  private static final double ASSEMBLE_MINUTES = 12;
  private static final double TROUBLESHOOT_MINUTES = 20;
  private static final double MITIGATE_MINUTES = 4;
  private static final double CLEANUP_MINUTES = 12;

  final Organisation organisation;
  final Instant start;
  final Instant end;
  final int months;
  final List<IncidentPlan> incidents;

  Simulation(Organisation organisation, YearMonth startMonth, int months) {
    this.organisation = organisation;
    this.months = months;
    this.start = startMonth.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    this.end = startMonth.plusMonths(months).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    this.incidents = plan();
  }

  private List<IncidentPlan> plan() {
    long seed = organisation.seed;
    List<Instant> reportTimes = new ArrayList<>();
    for (int month = 0; month < months; month++) {
      Rng rng = Rng.of(seed, "incident-arrivals", month);
      Instant monthStart = start.atZone(ZoneOffset.UTC).plusMonths(month).toInstant();
      Instant monthEnd = start.atZone(ZoneOffset.UTC).plusMonths(month + 1).toInstant();
      long seconds = Duration.between(monthStart, monthEnd).toSeconds();
      int count = Math.max(1, rng.poisson(organisation.size.incidentsPerMonth));
      for (int i = 0; i < count; i++) {
        reportTimes.add(
            monthStart.plusSeconds(rng.nextLong(seconds)).plusMillis(rng.nextInt(1000)));
      }
    }
    reportTimes.sort(Comparator.naturalOrder());
    List<IncidentPlan> plans = new ArrayList<>(reportTimes.size());
    int actionItemSequence = 0;
    for (int i = 0; i < reportTimes.size(); i++) {
      IncidentPlan plan = planIncident(i + 1, reportTimes.get(i));
      for (int a = 0; a < plan.actionItems.size(); a++) {
        ActionItemPlan item = plan.actionItems.get(a);
        if (item.jiraKey() != null) {
          actionItemSequence++;
          plan.actionItems.set(
              a,
              new ActionItemPlan(
                  item.followUpId(),
                  "OPS-" + actionItemSequence,
                  Integer.toString(10_000 + actionItemSequence),
                  item.title(),
                  item.owner(),
                  item.dueDate(),
                  item.status(),
                  item.createdAt(),
                  item.completedAt(),
                  item.priority()));
        }
      }
      plans.add(plan);
    }
    markTheWarRoom(plans);
    return List.copyOf(plans);
  }

  /** The largest resolved SEV1 gets 5,000 chat messages: the drafter's long-timeline case. */
  private void markTheWarRoom(List<IncidentPlan> plans) {
    plans.stream()
        .filter(p -> p.severity == 1 && p.resolved() && p.counted())
        .max(
            Comparator.comparing(
                (IncidentPlan p) -> Duration.between(p.reportedAt, p.resolvedAt).toSeconds()))
        .ifPresent(p -> p.chatMessages = organisation.size == OrgSize.SMALL ? 1_500 : 5_000);
  }

  private IncidentPlan planIncident(int number, Instant declaredAt) {
    Rng rng = Rng.of(organisation.seed, "incident", number);
    IncidentPlan plan = new IncidentPlan();
    plan.number = number;
    plan.ulid = Ulid.of(declaredAt, rng);
    Team team = organisation.teams.get(rng.nextInt(organisation.teams.size()));
    plan.team = team.index();
    plan.services.add(rng.pick(team.services()));
    if (rng.chance(0.2)) {
      String second = rng.pick(organisation.allServices());
      if (!plan.services.contains(second)) {
        plan.services.add(second);
      }
    }
    double severityDraw = rng.uniform();
    plan.severity = severityDraw < 0.08 ? 1 : severityDraw < 0.30 ? 2 : severityDraw < 0.75 ? 3 : 4;
    plan.incidentType = rng.pick(INCIDENT_TYPES);
    double modeDraw = rng.uniform();
    plan.mode =
        modeDraw < 0.03
            ? "test"
            : modeDraw < 0.04 ? "tutorial" : modeDraw < 0.05 ? "retrospective" : "standard";
    plan.gameDay = plan.mode.equals("standard") && rng.chance(0.02);
    if (plan.gameDay) {
      plan.incidentType = "Game Day";
    }
    String service = plan.services.get(0);
    plan.title = title(rng, service, plan);
    plan.slug = plan.title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    if (plan.slug.length() > 40) {
      plan.slug = plan.slug.substring(0, 40).replaceAll("-$", "");
    }
    plan.summary =
        "Customers saw "
            + (plan.severity <= 2 ? "failed requests" : "degraded responses")
            + " from "
            + String.join(" and ", plan.services)
            + ".";
    plan.channelName = "inc-" + number + "-" + plan.slug;
    plan.channelId = "C" + String.format("%09X", 0x5000000L + number * 104_729L);

    double monthIndex = Math.min(months - 1, Duration.between(start, declaredAt).toDays() / 30.44);
    double improvement = 1.0 - 0.45 * (monthIndex / Math.max(1, months - 1));
    double severityFactor = new double[] {0, 1.0, 1.25, 1.8, 2.4}[plan.severity];

    // Detection phase: impact starts, an alert fires (or a customer reports), the on-call is
    // paged and acknowledges, then the incident is declared at declaredAt.
    plan.customerReported = rng.chance(0.2);
    double detectMinutes = rng.logNormal(plan.customerReported ? 15 : 6, 0.7) * severityFactor;
    plan.reportedAt = declaredAt;
    plan.impactStartedAt = millis(declaredAt.minusMillis((long) (detectMinutes * 60_000)));
    Instant alertAt = null;
    if (!plan.customerReported) {
      alertAt =
          micros(
              plan.impactStartedAt.plusMillis(
                  (long) (rng.logNormal(2.5, 0.6) * 60_000 * Math.min(1, detectMinutes / 8))),
              rng);
      if (!alertAt.isBefore(declaredAt)) {
        alertAt = micros(declaredAt.minusSeconds(60), rng);
      }
      plan.detectedAt = alertAt;
    }
    plan.paged = !(plan.severity == 4 && rng.chance(0.5));
    if (plan.paged && alertAt != null) {
      // The first alert of a paged incident reaches PagerDuty, which keeps whole seconds.
      alertAt = alertAt.truncatedTo(ChronoUnit.SECONDS);
      plan.detectedAt = alertAt;
    }
    plan.impactRecorded = rng.chance(0.7);

    Person primary = organisation.primaryOnCall(team, declaredAt);
    Person backup = organisation.backupOnCall(team, declaredAt);
    if (plan.paged) {
      Instant triggerAt =
          plan.customerReported
              ? declaredAt.plusSeconds(30 + rng.nextInt(60)).truncatedTo(ChronoUnit.SECONDS)
              : alertAt.plusSeconds(5 + rng.nextInt(25)).truncatedTo(ChronoUnit.SECONDS);
      plan.pagedAt = triggerAt;
      plan.pagerDutyId = "Q" + rng.alphanumeric(6, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789");
      plan.pages.add(new PageEvent(primary.index(), triggerAt, "phone", 1));
      plan.pages.add(new PageEvent(primary.index(), triggerAt, "push", 1));
      if (rng.chance(0.3)) {
        plan.pages.add(new PageEvent(primary.index(), triggerAt, "email", 1));
      }
      double ackDraw = rng.uniform();
      if (ackDraw < 0.03) {
        plan.acknowledgedAt = null; // nobody acknowledged: closed without an ack
      } else if (ackDraw < 0.13) {
        Instant escalatedAt = triggerAt.plusSeconds(300);
        plan.pages.add(new PageEvent(backup.index(), escalatedAt, "sms", 2));
        plan.pages.add(new PageEvent(backup.index(), escalatedAt.plusSeconds(20), "phone", 2));
        plan.acknowledgedAt = escalatedAt.plusSeconds(30 + rng.nextInt(240));
        plan.acknowledger = backup.index();
      } else {
        plan.acknowledgedAt = triggerAt.plusSeconds((long) Math.min(290, rng.logNormal(150, 0.6)));
        plan.acknowledger = primary.index();
        if (plan.acknowledgedAt.isAfter(triggerAt.plusSeconds(60)) && rng.chance(0.3)) {
          // A reminder page within a minute of the first: one interruption, not two.
          plan.pages.add(new PageEvent(primary.index(), triggerAt.plusSeconds(45), "phone", 1));
        }
      }
    }

    plan.lead = plan.acknowledger >= 0 ? plan.acknowledger : primary.index();
    plan.leadCommand = rng.chance(0.92);
    double assemble = rng.logNormal(ASSEMBLE_MINUTES, 0.6) * severityFactor * improvement;
    double troubleshoot = rng.logNormal(TROUBLESHOOT_MINUTES, 0.7) * severityFactor * improvement;
    double mitigate = rng.logNormal(MITIGATE_MINUTES, 0.5) * severityFactor;
    double cleanup = rng.logNormal(CLEANUP_MINUTES, 0.6) * severityFactor;
    plan.assembledAt = millis(declaredAt.plusMillis((long) (assemble * 60_000)));
    plan.identifiedAt = millis(plan.assembledAt.plusMillis((long) (troubleshoot * 60_000)));
    plan.mitigatedAt = millis(plan.identifiedAt.plusMillis((long) (mitigate * 60_000)));
    plan.resolvedAt = millis(plan.mitigatedAt.plusMillis((long) (cleanup * 60_000)));
    plan.identifiedRecorded = rng.chance(0.8);
    plan.identifiedStatusUpdate = plan.identifiedRecorded || rng.chance(0.5);
    plan.fixedRecorded = rng.chance(0.85);
    List<Integer> teamMembers = team.members();
    plan.techLead = teamMembers.get(rng.nextInt(teamMembers.size()));
    plan.comms = organisation.manager(team).index();
    plan.scribe = teamMembers.get(rng.nextInt(teamMembers.size()));
    plan.techLeadAt = millis(plan.assembledAt.plusMillis((long) (rng.logNormal(2, 0.8) * 60_000)));
    plan.commsAt = millis(plan.assembledAt.plusMillis((long) (rng.logNormal(3, 0.8) * 60_000)));
    plan.scribeAt =
        rng.chance(0.7)
            ? millis(plan.assembledAt.plusMillis((long) (rng.logNormal(4, 0.8) * 60_000)))
            : null;
    int responders = 2 + rng.nextInt(plan.severity <= 2 ? 8 : 4);
    for (int r = 0; r < responders; r++) {
      plan.joins.add(
          new int[] {
            teamMembers.get(rng.nextInt(teamMembers.size())),
            (int) (rng.uniform() * Math.max(60, assemble * 60 * 1.5))
          });
    }

    if (plan.resolvedAt.isAfter(end.minusSeconds(1)) || rng.chance(0.004)) {
      plan.finalStatus = "active";
      plan.resolvedAt = null;
      if (plan.mitigatedAt.isAfter(end)) {
        plan.mitigatedAt = null;
      }
      if (plan.identifiedAt.isAfter(end)) {
        plan.identifiedAt = null;
      }
    } else {
      double statusDraw = rng.uniform();
      if (statusDraw < 0.03) {
        decline(plan, "declined");
      } else if (statusDraw < 0.05) {
        decline(plan, "merged");
        plan.mergedInto = Math.max(1, number - 1);
      } else if (statusDraw < 0.06) {
        decline(plan, "canceled");
      } else {
        plan.finalStatus = "resolved";
        if (rng.chance(0.03)) {
          plan.reopened = true;
          plan.firstResolvedAt = plan.resolvedAt;
          plan.reopenedAt = millis(plan.firstResolvedAt.plusSeconds(600 + rng.nextInt(7200)));
          plan.resolvedAt =
              millis(plan.reopenedAt.plusMillis((long) (rng.logNormal(30, 0.5) * 60_000)));
          if (plan.resolvedAt.isAfter(end)) {
            plan.resolvedAt = null;
            plan.finalStatus = "active";
          }
        }
        if (plan.resolvedAt != null && plan.identifiedRecorded && rng.chance(0.025)) {
          // Someone backfilled "Identified at" before the lead was even assigned.
          plan.recordedIdentifiedOutOfOrder =
              millis(plan.reportedAt.plusMillis((long) (assemble * 60_000 * 0.3)));
        }
      }
    }
    if (plan.resolvedAt != null) {
      planAftermath(plan, rng);
    }
    plan.customerFacing = plan.severity <= 2 && plan.counted() && rng.chance(0.6);
    if (plan.customerFacing) {
      plan.statuspageId = rng.alphanumeric(12, "0123456789abcdefghijklmnopqrstuvwxyz");
    }
    if (plan.chatMessages == 0) {
      plan.chatMessages = (int) Math.min(1_500, 25 + rng.logNormal(90, 0.8) / severityFactor);
    }
    planIncidentAlerts(plan, rng, alertAt);
    return plan;
  }

  private void decline(IncidentPlan plan, String status) {
    plan.finalStatus = status;
    plan.resolvedAt = null;
    plan.identifiedAt = null;
    plan.mitigatedAt = null;
    plan.assembledAt = null;
    plan.customerFacing = false;
  }

  private void planAftermath(IncidentPlan plan, Rng rng) {
    boolean required = plan.counted() && plan.severity <= 2;
    boolean wanted = required || (plan.counted() && plan.severity == 3 && rng.chance(0.1));
    if (wanted) {
      double draw = rng.uniform();
      if (draw < 0.55) {
        plan.postmortemStatus = "published";
        plan.postmortemPublishedAt =
            millis(
                plan.resolvedAt.plusSeconds(
                    (long) Math.min(47 * 3600, rng.logNormal(20, 0.5) * 3600)));
      } else if (draw < 0.8) {
        plan.postmortemStatus = "published";
        plan.postmortemPublishedAt =
            millis(plan.resolvedAt.plusSeconds((long) ((3 + rng.uniform() * 9) * 86_400)));
      } else {
        plan.postmortemStatus = rng.chance(0.5) ? "draft" : "none";
      }
      if (plan.postmortemPublishedAt != null && plan.postmortemPublishedAt.isAfter(end)) {
        plan.postmortemPublishedAt = null;
        plan.postmortemStatus = "draft";
      }
    }
    Instant closeBase =
        plan.postmortemPublishedAt != null ? plan.postmortemPublishedAt : plan.resolvedAt;
    Instant closed = millis(closeBase.plusSeconds(3600 + rng.nextInt(3 * 86_400)));
    if (closed.isBefore(end) && (!wanted || plan.postmortemPublishedAt != null)) {
      plan.closedAt = closed;
      plan.finalStatus = "closed";
    }
    if (!wanted) {
      return;
    }
    int items = 1 + rng.nextInt(5);
    Team team = organisation.teams.get(plan.team);
    for (int i = 0; i < items; i++) {
      Instant created = millis(plan.resolvedAt.plusSeconds(3600 + rng.nextInt(2 * 86_400)));
      if (created.isAfter(end)) {
        continue;
      }
      Integer owner =
          rng.chance(0.85) ? team.members().get(rng.nextInt(team.members().size())) : null;
      LocalDate due =
          rng.chance(0.8)
              ? created.atZone(ZoneOffset.UTC).toLocalDate().plusDays(7 + rng.nextInt(40))
              : null;
      double statusDraw = rng.uniform();
      String status;
      Instant completed = null;
      if (statusDraw < 0.08) {
        status = "not_doing";
      } else if (statusDraw < 0.6) {
        completed = millis(created.plusSeconds((long) (rng.logNormal(10, 0.8) * 86_400)));
        status = completed.isBefore(end) ? "completed" : "outstanding";
        if (!completed.isBefore(end)) {
          completed = null;
        }
      } else {
        status = "outstanding";
      }
      boolean inJira = rng.chance(0.75);
      plan.actionItems.add(
          new ActionItemPlan(
              Ulid.of(created, rng),
              inJira ? "pending" : null,
              null,
              ACTION_TITLES.get(rng.nextInt(ACTION_TITLES.size())).formatted(plan.services.get(0)),
              owner,
              due,
              status,
              created,
              completed,
              List.of("High", "Medium", "Low").get(rng.nextInt(3))));
    }
  }

  static final List<String> ACTION_TITLES =
      List.of(
          "Add an alert on %s saturation before it pages customers",
          "Write a runbook for %s failover",
          "Add a canary stage to %s deploys",
          "Cap retries in %s clients",
          "Load-test %s at twice peak",
          "Remove the manual step from %s rollback",
          "Add %s dashboards to the on-call handbook");

  private void planIncidentAlerts(IncidentPlan plan, Rng rng, Instant firstAlert) {
    if (firstAlert == null) {
      return;
    }
    String service = plan.services.get(0);
    List<String> rules = AlertCatalog.rulesFor(service);
    Instant until = plan.resolvedAt != null ? plan.resolvedAt : end;
    int count = 1 + rng.nextInt(plan.severity <= 2 ? 8 : 3);
    for (int i = 0; i < count; i++) {
      Instant fired =
          i == 0
              ? firstAlert
              : micros(
                  firstAlert.plusSeconds(
                      (long)
                          (rng.uniform()
                              * Math.max(60, Duration.between(firstAlert, until).toSeconds()))),
                  rng);
      Instant ends =
          plan.mitigatedAt != null && plan.mitigatedAt.isAfter(fired)
              ? micros(plan.mitigatedAt.plusSeconds(rng.nextInt(300)), rng)
              : micros(fired.plusSeconds(300 + rng.nextInt(600)), rng);
      plan.alerts.add(
          new AlertPlan(
              i == 0 ? rules.get(0) : rng.pick(rules),
              service,
              service + "-" + rng.nextInt(6) + ":9090",
              fired,
              ends.isAfter(end) ? null : ends));
    }
  }

  private static String title(Rng rng, String service, IncidentPlan plan) {
    if (plan.gameDay) {
      return "Game day: " + service + " region failover";
    }
    if (plan.mode.equals("test")) {
      return "Test incident for " + service + " paging";
    }
    List<String> templates =
        List.of(
            "Elevated 5xx errors on %s",
            "%s latency above SLO",
            "%s unavailable after deploy",
            "Database connection pool exhausted in %s",
            "%s queue backlog growing",
            "Certificate expiry broke %s",
            "Partial outage of %s in eu-west-1",
            "%s returning stale data");
    String title = rng.pick(templates).formatted(service);
    return Character.toUpperCase(title.charAt(0)) + title.substring(1);
  }

  static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static Instant micros(Instant instant, Rng rng) {
    return instant.truncatedTo(ChronoUnit.MILLIS).plusNanos(rng.nextInt(1000) * 1_000L);
  }
}
