package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.incidents.core.model.ActionItemStatus;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.IncidentMode;
import dev.incidents.core.model.IncidentStatus;
import dev.incidents.core.model.PageChannel;
import dev.incidents.core.model.Severity;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fixture per rule of docs/metrics.md; every expectation is computed by hand in comments. */
class MetricRulesTest {
  @TempDir Path directory;

  static final String AS_OF = "2026-04-01T00:00:00Z";

  private static List<String> list(String... values) {
    return Arrays.asList(values);
  }

  @Test
  void everyFallbackStepIsLabelledAndPhasesFollowTheClampedPoints() {
    FixtureLake lake = new FixtureLake(directory);
    String explicit =
        lake.incident("explicit")
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:10:00Z")
            .identified("2026-03-02T10:40:00Z")
            .mitigated("2026-03-02T10:50:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(explicit, "2026-03-02T10:20:00Z", "ada@example.com");
    String alert =
        lake.incident("alert")
            .reported("2026-03-02T10:10:00Z")
            .identified("2026-03-02T10:30:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(alert, "2026-03-02T10:15:00Z", "ada@example.com");
    lake.alert("a1", "checkout", "HighErrors", "2026-03-02T09:55:00Z", alert);
    lake.incident("bare")
        .reported("2026-03-02T10:10:00Z")
        .mitigated("2026-03-02T10:40:00Z")
        .resolved("2026-03-02T11:00:00Z")
        .add();
    lake.transform(AS_OF, Map.of());
    String columns =
        "impact_started_source, detected_source, assembled_source, mitigated_source, time_to_detect_s, phase_detect_s, phase_assemble_s, phase_troubleshoot_s, phase_mitigate_s, phase_cleanup_s, time_to_resolve_s, imputed_phases, milestones_reordered";
    // 10:00 → 10:10 → 10:20 → 10:40 → 10:50 → 11:00; detected falls back to reported: 600 s.
    assertThat(
            lake.row("SELECT " + columns + " FROM incident_facts WHERE reference = 'INC-explicit'"))
        .containsExactly(
            "explicit",
            "fallback:reported",
            "explicit",
            "explicit",
            "600",
            "600",
            "600",
            "1200",
            "600",
            "600",
            "3600",
            "0",
            "false");
    // Impact from the earliest linked alert (09:55), no TTD (impact not explicit); mitigated falls
    // back to resolved: 900, 300, 900, 1800, 0 = 3900, one imputed phase.
    assertThat(lake.row("SELECT " + columns + " FROM incident_facts WHERE reference = 'INC-alert'"))
        .containsExactly(
            "fallback:earliest_alert",
            "fallback:earliest_alert",
            "explicit",
            "fallback:resolved",
            null,
            "900",
            "300",
            "900",
            "1800",
            "0",
            "3900",
            "1",
            "false");
    // Impact from reported (so no TTD); no lead and no identified: both take mitigated (10:40):
    // 0, 1800, 0, 0, 1200.
    assertThat(lake.row("SELECT " + columns + " FROM incident_facts WHERE reference = 'INC-bare'"))
        .containsExactly(
            "fallback:reported",
            "fallback:reported",
            "missing",
            "explicit",
            null,
            "0",
            "1800",
            "0",
            "0",
            "1200",
            "3000",
            "2",
            "false");
  }

  @Test
  void theClampMovesPointsThatRunBackwards() {
    FixtureLake lake = new FixtureLake(directory);
    String outOfOrder =
        lake.incident("ooo")
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:10:00Z")
            .identified("2026-03-02T10:20:00Z")
            .mitigated("2026-03-02T10:50:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(outOfOrder, "2026-03-02T10:30:00Z", "ada@example.com");
    String late =
        lake.incident("late-impact")
            .impact("2026-03-02T10:15:00Z")
            .reported("2026-03-02T10:10:00Z")
            .identified("2026-03-02T10:20:00Z")
            .mitigated("2026-03-02T10:50:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(late, "2026-03-02T10:16:00Z", "ada@example.com");
    lake.transform(AS_OF, Map.of());
    // identified (10:20) before the lead (10:30) is clamped to 10:30: 600, 1200, 0, 1200, 600.
    assertThat(
            lake.row(
                "SELECT phase_detect_s, phase_assemble_s, phase_troubleshoot_s, phase_mitigate_s, phase_cleanup_s, time_to_resolve_s, milestones_reordered FROM incident_facts WHERE reference = 'INC-ooo'"))
        .containsExactly("600", "1200", "0", "1200", "600", "3600", "true");
    // Reported (10:10) before the impact (10:15) moves to 10:15: 0, 60, 240, 1800, 600 = 2700.
    assertThat(
            lake.row(
                "SELECT phase_detect_s, phase_assemble_s, phase_troubleshoot_s, phase_mitigate_s, phase_cleanup_s, time_to_resolve_s, milestones_reordered FROM incident_facts WHERE reference = 'INC-late-impact'"))
        .containsExactly("0", "60", "240", "1800", "600", "2700", "true");
  }

  @Test
  void aReopenedIncidentResolvesAtItsLastResolveAndAFieldBeatsAnEvent() {
    FixtureLake lake = new FixtureLake(directory);
    String reopened =
        lake.incident("reopened")
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:00:00Z")
            .identified("2026-03-02T10:20:00Z")
            .mitigated("2026-03-02T10:40:00Z")
            .add();
    lake.lead(reopened, "2026-03-02T10:05:00Z", "ada@example.com");
    lake.event(reopened, "2026-03-02T11:00:00Z", EventKind.RESOLVED, Map.of());
    lake.event(
        reopened,
        "2026-03-02T11:30:00Z",
        EventKind.STATUS_CHANGED,
        Map.of("status", "investigating", "canonical_status", "active"));
    lake.event(
        reopened,
        "2026-03-02T12:00:00Z",
        EventKind.STATUS_CHANGED,
        Map.of("status", "resolved", "canonical_status", "resolved"));
    String field =
        lake.incident("field")
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:00:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.event(field, "2026-03-02T11:30:00Z", EventKind.RESOLVED, Map.of());
    lake.transform(AS_OF, Map.of());
    assertThat(
            lake.row(
                "SELECT strftime(resolved_at, '%H:%M'), time_to_resolve_s, phase_cleanup_s FROM incident_facts WHERE reference = 'INC-reopened'"))
        .containsExactly("12:00", "7200", "4800");
    assertThat(
            lake.row(
                "SELECT strftime(resolved_at, '%H:%M'), time_to_resolve_s FROM incident_facts WHERE reference = 'INC-field'"))
        .containsExactly("11:00", "3600");
  }

  @Test
  void aNeverAcknowledgedPageHasNoTimeToAcknowledge() {
    FixtureLake lake = new FixtureLake(directory);
    String silent =
        lake.incident("silent")
            .reported("2026-03-02T10:00:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.event(silent, "2026-03-02T10:00:00Z", EventKind.PAGED, Map.of());
    lake.page("s1", silent, "ada@example.com", PageChannel.PHONE, "2026-03-02T10:00:05Z", null);
    lake.event(silent, "2026-03-02T11:00:00Z", EventKind.RESOLVED, Map.of());
    String answered =
        lake.incident("answered")
            .reported("2026-03-02T10:00:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.event(answered, "2026-03-02T10:00:00Z", EventKind.PAGED, Map.of());
    lake.page(
        "a1",
        answered,
        "ben@example.com",
        PageChannel.PHONE,
        "2026-03-02T10:00:05Z",
        "2026-03-02T10:03:00Z");
    lake.transform(AS_OF, Map.of());
    assertThat(
            lake.row(
                "SELECT paged_source, acknowledged_source, time_to_acknowledge_s FROM incident_facts WHERE reference = 'INC-silent'"))
        .containsExactly("explicit", "missing", null);
    assertThat(
            lake.row(
                "SELECT time_to_acknowledge_s FROM incident_facts WHERE reference = 'INC-answered'"))
        .containsExactly("180");
  }

  @Test
  void interruptionsMergeWithinSixtySecondsSkipEmailAndFallInTheRespondersHours() {
    FixtureLake lake = new FixtureLake(directory);
    lake.person("ada@example.com", "America/New_York");
    lake.page(
        "p1",
        null,
        "ada@example.com",
        PageChannel.PHONE,
        "2026-03-03T20:00:00Z",
        null); // Tue 15:00 local: business
    lake.page(
        "p2",
        null,
        "ada@example.com",
        PageChannel.PUSH,
        "2026-03-03T20:00:30Z",
        null); // same interruption
    lake.page(
        "p3",
        null,
        "ada@example.com",
        PageChannel.EMAIL,
        "2026-03-03T20:00:45Z",
        null); // email: no interruption
    lake.page(
        "p4",
        null,
        "ada@example.com",
        PageChannel.SMS,
        "2026-03-04T01:00:00Z",
        null); // Tue 20:00 local: off hours
    lake.page(
        "p5",
        null,
        "ada@example.com",
        PageChannel.PHONE,
        "2026-03-04T08:00:00Z",
        null); // Wed 03:00 local: sleep
    lake.page(
        "p6",
        null,
        "ada@example.com",
        PageChannel.PHONE,
        "2026-03-07T17:00:00Z",
        null); // Sat 12:00 local: off hours
    lake.page(
        "q1",
        null,
        "ben@example.com",
        PageChannel.PHONE,
        "2026-03-03T23:30:00Z",
        null); // no timezone: UTC 23:30, sleep
    lake.incident("x").reported("2026-03-02T10:00:00Z").resolved("2026-03-02T11:00:00Z").add();
    lake.transform(AS_OF, Map.of());
    assertThat(
            lake.row(
                "SELECT pages, interruptions, business_hours, off_hours, sleep_hours FROM responder_load WHERE responder = 'ada@example.com'"))
        .containsExactly("6", "4", "1", "2", "1");
    assertThat(
            lake.row(
                "SELECT pages, interruptions, business_hours, off_hours, sleep_hours FROM responder_load WHERE responder = 'ben@example.com'"))
        .containsExactly("1", "1", "0", "0", "1");
  }

  @Test
  void correlatedAlertsLinkToTheEarliestReportedCountedIncident() {
    FixtureLake lake = new FixtureLake(directory);
    String earlier =
        lake.incident("earlier")
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:00:00Z")
            .resolved("2026-03-02T12:00:00Z")
            .add();
    String later =
        lake.incident("later")
            .impact("2026-03-02T10:30:00Z")
            .reported("2026-03-02T10:30:00Z")
            .resolved("2026-03-02T11:30:00Z")
            .add();
    lake.incident("gameday")
        .mode(IncidentMode.GAME_DAY)
        .services("search")
        .impact("2026-03-02T09:00:00Z")
        .reported("2026-03-02T09:00:00Z")
        .resolved("2026-03-02T13:00:00Z")
        .add();
    lake.alert(
        "a1", "checkout", "HighErrors", "2026-03-02T10:45:00Z", null); // both match: earlier wins
    lake.alert(
        "a2",
        "checkout",
        "HighErrors",
        "2026-03-02T09:35:00Z",
        null); // inside earlier's 30 min lead-in
    lake.alert("a3", "checkout", "HighErrors", "2026-03-02T09:25:00Z", null); // before every window
    lake.alert(
        "a4", "search", "SearchDown", "2026-03-02T10:00:00Z", null); // only an excluded incident
    lake.alert(
        "a5", "payments", "Latency", "2026-03-02T10:40:00Z", null); // no incident on payments
    lake.alert("a6", "checkout", "HighErrors", "2026-03-02T08:00:00Z", later); // explicit link wins
    lake.transform(AS_OF, Map.of());
    assertThat(
            lake.row(
                "SELECT linked_alerts FROM incident_facts WHERE incident_id = '" + earlier + "'"))
        .containsExactly("2");
    assertThat(
            lake.row(
                "SELECT linked_alerts FROM incident_facts WHERE incident_id = '" + later + "'"))
        .containsExactly("1");
    assertThat(
            lake.row(
                "SELECT fired, linked, actionable_rate FROM alert_rule_stats WHERE rule = 'HighErrors'"))
        .containsExactly("4", "3", "0.75");
    // Six alerts over the month's two counted incidents.
    assertThat(
            lake.row(
                "SELECT alerts_fired, alerts_per_incident FROM monthly_metrics WHERE month = '2026-03' AND severity = 'ALL' AND service = 'ALL'"))
        .containsExactly("6", "3.0");
  }

  @Test
  void excludedModesAndStatusesNeverEnterMttx() {
    FixtureLake lake = new FixtureLake(directory);
    lake.incident("real").reported("2026-03-02T10:00:00Z").resolved("2026-03-02T11:00:00Z").add();
    lake.incident("test")
        .mode(IncidentMode.TEST)
        .reported("2026-03-02T10:00:00Z")
        .resolved("2026-03-02T13:00:00Z")
        .add();
    lake.incident("gameday")
        .mode(IncidentMode.GAME_DAY)
        .reported("2026-03-02T10:00:00Z")
        .resolved("2026-03-02T13:00:00Z")
        .add();
    lake.incident("declined")
        .status(IncidentStatus.DECLINED)
        .reported("2026-03-02T10:00:00Z")
        .add();
    lake.incident("merged").status(IncidentStatus.MERGED).reported("2026-03-02T10:00:00Z").add();
    lake.transform(AS_OF, Map.of());
    assertThat(
            lake.rows(
                "SELECT reference, counted, exclusion_reason FROM incident_facts ORDER BY reference"))
        .containsExactly(
            list("INC-declined", "false", "status:declined"),
            list("INC-gameday", "false", "mode:game_day"),
            list("INC-merged", "false", "status:merged"),
            list("INC-real", "true", null),
            list("INC-test", "false", "mode:test"));
    assertThat(
            lake.row(
                "SELECT incidents, excluded_incidents, n_time_to_resolve, p50_time_to_resolve_s FROM monthly_metrics WHERE month = '2026-03' AND severity = 'ALL' AND service = 'ALL'"))
        .containsExactly("1", "4", "1", "3600.0");
  }

  @Test
  void monthsFollowTheReportTimezone() {
    FixtureLake utc = new FixtureLake(directory.resolve("utc"));
    utc.incident("edge").reported("2026-03-31T23:30:00Z").resolved("2026-04-01T00:30:00Z").add();
    utc.transform(AS_OF, Map.of());
    assertThat(utc.row("SELECT month, resolved_month FROM incident_facts"))
        .containsExactly("2026-03", "2026-04");
    FixtureLake tokyo = new FixtureLake(directory.resolve("tokyo"));
    tokyo.incident("edge").reported("2026-03-31T23:30:00Z").resolved("2026-04-01T00:30:00Z").add();
    tokyo.transform(AS_OF, Map.of("report.timezone", "Asia/Tokyo"));
    assertThat(tokyo.row("SELECT month, resolved_month FROM incident_facts"))
        .containsExactly("2026-04", "2026-04");
  }

  @Test
  void postmortemsOnTimeLateAndOverdue() {
    FixtureLake lake = new FixtureLake(directory);
    lake.incident("on-time")
        .severity(Severity.SEV1)
        .reported("2026-03-01T22:00:00Z")
        .resolved("2026-03-02T00:00:00Z")
        .published("2026-03-03T00:00:00Z")
        .add();
    lake.incident("late")
        .severity(Severity.SEV2)
        .reported("2026-03-04T22:00:00Z")
        .resolved("2026-03-05T00:00:00Z")
        .published("2026-03-08T00:00:00Z")
        .add();
    lake.incident("overdue")
        .severity(Severity.SEV1)
        .reported("2026-03-09T22:00:00Z")
        .resolved("2026-03-10T00:00:00Z")
        .add();
    lake.incident("not-required")
        .severity(Severity.SEV3)
        .reported("2026-03-09T22:00:00Z")
        .resolved("2026-03-10T00:00:00Z")
        .add();
    lake.incident("still-in-time")
        .severity(Severity.SEV1)
        .reported("2026-03-31T10:00:00Z")
        .resolved("2026-03-31T12:00:00Z")
        .add();
    lake.transform(AS_OF, Map.of());
    // Required: 4 (SEV1/SEV2); published 2; on time 1 (24 h <= 48 h); p50 lag of 86400 and
    // 259200 = 172800; overdue 1 (resolved 10 March, unpublished; 31 March + 48 h is after as_of).
    assertThat(
            lake.row(
                "SELECT pm_required, pm_published, pm_completion_rate, pm_on_time_rate, p50_postmortem_lag_s, pm_overdue FROM monthly_metrics WHERE month = '2026-03' AND severity = 'ALL' AND service = 'ALL'"))
        .containsExactly("4", "2", "0.5", "0.25", "172800.0", "1");
  }

  @Test
  void actionItemsTrackedCompletionAndOverdue() {
    FixtureLake lake = new FixtureLake(directory);
    String incident =
        lake.incident("x").reported("2026-03-01T10:00:00Z").resolved("2026-03-01T11:00:00Z").add();
    lake.actionItem(
        "1",
        incident,
        "ada",
        LocalDate.of(2026, 3, 30),
        ActionItemStatus.DONE,
        "2026-03-02T00:00:00Z",
        "2026-03-07T00:00:00Z");
    lake.actionItem(
        "2", incident, "ada", null, ActionItemStatus.OPEN, "2026-03-02T00:00:00Z", null);
    lake.actionItem(
        "3",
        incident,
        "ben",
        LocalDate.of(2026, 3, 20),
        ActionItemStatus.OPEN,
        "2026-03-02T00:00:00Z",
        null);
    lake.actionItem(
        "4",
        incident,
        "ben",
        LocalDate.of(2026, 3, 20),
        ActionItemStatus.WONT_DO,
        "2026-03-02T00:00:00Z",
        null);
    lake.actionItem(
        "5",
        incident,
        null,
        LocalDate.of(2026, 5, 1),
        ActionItemStatus.DONE,
        "2026-03-02T00:00:00Z",
        "2026-03-12T00:00:00Z");
    lake.transform(AS_OF, Map.of());
    // Tracked: 1, 3 and 4 have an owner and a due date = 3/5; done 2 of (5 - 1 won't-do) = 0.5;
    // overdue: 3 (open, due 20 March < 1 April); p50 of 5 and 10 days = 7.5.
    assertThat(
            lake.row(
                "SELECT ai_total, ai_tracked_rate, ai_completion_rate, ai_overdue, p50_ai_days_to_complete FROM monthly_metrics WHERE month = '2026-03' AND severity = 'ALL' AND service = 'ALL'"))
        .containsExactly("5", "0.6", "0.5", "1", "7.5");
    assertThat(
            lake.row(
                "SELECT tracked, overdue, days_to_complete FROM action_item_facts WHERE action_item_id = 'test:item:1'"))
        .containsExactly("true", "false", "5.0");
  }

  @Test
  void responseTargetsForSevOneAndTwo() {
    FixtureLake lake = new FixtureLake(directory);
    String fast =
        lake.incident("fast")
            .severity(Severity.SEV1)
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:00:00Z")
            .mitigated("2026-03-02T10:20:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(fast, "2026-03-02T10:04:00Z", "ada");
    lake.role(fast, "2026-03-02T10:04:00Z", "tech-lead", "ben");
    lake.role(fast, "2026-03-02T10:05:00Z", "comms", "cy");
    lake.role(fast, "2026-03-02T10:05:00Z", "scribe", "di");
    String slow =
        lake.incident("slow")
            .severity(Severity.SEV2)
            .impact("2026-03-02T10:00:00Z")
            .reported("2026-03-02T10:00:00Z")
            .mitigated("2026-03-02T10:45:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(slow, "2026-03-02T10:06:00Z", "ada");
    String minor =
        lake.incident("minor")
            .severity(Severity.SEV3)
            .reported("2026-03-02T10:00:00Z")
            .resolved("2026-03-02T11:00:00Z")
            .add();
    lake.lead(minor, "2026-03-02T10:01:00Z", "ada");
    lake.transform(AS_OF, Map.of());
    assertThat(
            lake.row(
                "SELECT pct_mitigated_within_30m, pct_lead_within_5m, pct_all_roles_within_5m FROM monthly_metrics WHERE month = '2026-03' AND severity = 'ALL' AND service = 'ALL'"))
        .containsExactly("0.5", "0.5", "0.5");
  }

  @Test
  void heroShareCountsTheTopThreeSevOneLeadsOfTheTrailingNinetyDays() {
    FixtureLake lake = new FixtureLake(directory);
    int n = 0;
    // January: dee leads 3 SEV1s. March: ada 3, ben 2, cy 1, dee 1.
    String[][] leads = {
      {"2026-01", "dee"},
      {"2026-01", "dee"},
      {"2026-01", "dee"},
      {"2026-03", "ada"},
      {"2026-03", "ada"},
      {"2026-03", "ada"},
      {"2026-03", "ben"},
      {"2026-03", "ben"},
      {"2026-03", "cy"},
      {"2026-03", "dee"}
    };
    for (String[] lead : leads) {
      String day = String.format("%02d", 2 + n);
      String id =
          lake.incident("h" + n++)
              .severity(Severity.SEV1)
              .reported(lead[0] + "-" + day + "T10:00:00Z")
              .resolved(lead[0] + "-" + day + "T11:00:00Z")
              .add();
      lake.lead(id, lead[0] + "-" + day + "T10:01:00Z", lead[1]);
    }
    lake.transform(AS_OF, Map.of());
    // Trailing three months: dee 4, ada 3, ben 2, cy 1 → top three dee, ada, ben lead 6 of March's
    // 7.
    double share =
        Double.parseDouble(
            lake.row(
                    "SELECT hero_share FROM monthly_metrics WHERE month = '2026-03' AND severity = 'ALL' AND service = 'ALL'")
                .get(0));
    assertThat(share).isCloseTo(6.0 / 7.0, within(1e-12));
    assertThat(
            lake.row(
                "SELECT incidents_led, sev1_led FROM responder_load WHERE responder = 'ada' AND month = '2026-03'"))
        .containsExactly("3", "3");
  }
}
