package dev.incidents.pull;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigResolver;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.pull.fake.FakeIncidentIo;
import dev.incidents.pull.fake.FakePagerDuty;
import dev.incidents.pull.http.RetrySettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lake, the fakes, and a pull job wired to them with tiny, bounded waits. */
final class PullFixture implements AutoCloseable {
  final Path root;
  final Lake lake;
  final FakePagerDuty pagerDuty = new FakePagerDuty();
  final FakeIncidentIo incidentIo = new FakeIncidentIo();
  final dev.incidents.pull.fake.FakeSlack slack = new dev.incidents.pull.fake.FakeSlack();
  final dev.incidents.pull.fake.FakeJira jira = new dev.incidents.pull.fake.FakeJira();
  final dev.incidents.pull.fake.FakeOpsgenie opsgenie = new dev.incidents.pull.fake.FakeOpsgenie();
  final dev.incidents.pull.fake.FakeStatuspage statuspage =
      new dev.incidents.pull.fake.FakeStatuspage();
  final Map<String, String> environment = new HashMap<>();

  PullFixture(Path root) {
    this.root = root;
    this.lake = new Lake(root.resolve("data").resolve("lake"));
    environment.put("INCIDENTS_SOURCES_PAGERDUTY_BASE_URL", pagerDuty.baseUrl().toString());
    environment.put("INCIDENTS_SOURCES_PAGERDUTY_TOKEN", FakePagerDuty.TOKEN);
    environment.put("INCIDENTS_SOURCES_INCIDENTIO_BASE_URL", incidentIo.baseUrl().toString());
    environment.put("INCIDENTS_SOURCES_INCIDENTIO_TOKEN", FakeIncidentIo.TOKEN);
    environment.put("INCIDENTS_SOURCES_SLACK_BASE_URL", slack.baseUrl().toString());
    environment.put("INCIDENTS_SOURCES_SLACK_TOKEN", dev.incidents.pull.fake.FakeSlack.TOKEN);
    environment.put("INCIDENTS_SOURCES_JIRA_BASE_URL", jira.baseUrl().toString());
    environment.put("INCIDENTS_SOURCES_JIRA_TOKEN", dev.incidents.pull.fake.FakeJira.TOKEN);
    environment.put("INCIDENTS_SOURCES_JIRA_EMAIL", dev.incidents.pull.fake.FakeJira.EMAIL);
    environment.put("INCIDENTS_SOURCES_OPSGENIE_BASE_URL", opsgenie.baseUrl().toString());
    environment.put("INCIDENTS_SOURCES_OPSGENIE_TOKEN", dev.incidents.pull.fake.FakeOpsgenie.TOKEN);
    environment.put("INCIDENTS_SOURCES_STATUSPAGE_BASE_URL", statuspage.baseUrl().toString());
  }

  Config config() {
    return ConfigResolver.builder().environment(environment).resolve();
  }

  static RetrySettings retry(long seed) {
    return new RetrySettings(
            6,
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            Duration.ofMinutes(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            wait -> wait,
            seed)
        .withScaledSleep(Duration.ofMillis(5));
  }

  PullJob job() {
    return new PullJob(
        lake,
        config(),
        PullJob.rawRootOf(lake.root()),
        retry(7),
        Clock.systemUTC(),
        PullProgress.NONE);
  }

  PullSummary pull(PullSource... sources) {
    return job()
        .run(List.of(sources), new PullOptions(Optional.empty(), Optional.empty(), false, false));
  }

  PullSummary pull(PullOptions options, PullSource... sources) {
    return job().run(List.of(sources), options);
  }

  long count(TableSchema table, String source) {
    int column = table.indexOf("source");
    return lake.readAll(table).stream().filter(row -> source.equals(row[column])).count();
  }

  /** The status of every stored incident whose vendor id is {@code externalId}. */
  java.util.List<Object> incidentStatuses(String externalId) {
    int status = dev.incidents.core.schema.LakeTables.INCIDENTS.indexOf("status");
    int external = dev.incidents.core.schema.LakeTables.INCIDENTS.indexOf("external_id");
    return lake.readAll(dev.incidents.core.schema.LakeTables.INCIDENTS).stream()
        .filter(row -> externalId.equals(row[external]))
        .map(row -> row[status])
        .toList();
  }

  long rows(TableSchema table) {
    return lake.exists(table) ? lake.readAll(table).size() : 0;
  }

  Optional<dev.incidents.core.model.PullState> state(PullSource source) {
    return new PullStateStore(lake)
        .find(
            source,
            switch (source) {
              case SLACK -> "messages";
              case JIRA -> "issues";
              case OPSGENIE -> "alerts";
              default -> "incidents";
            });
  }

  static TableSchema incidents() {
    return LakeTables.INCIDENTS;
  }

  @Override
  public void close() {
    pagerDuty.close();
    incidentIo.close();
    slack.close();
    jira.close();
    opsgenie.close();
    statuspage.close();
  }
}
