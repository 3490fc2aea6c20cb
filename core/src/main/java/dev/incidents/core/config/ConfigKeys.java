package dev.incidents.core.config;

import java.util.List;

/** Every configuration key with its default; the README shows an example file. */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final ConfigKey LAKE_PATH =
      key(
          "lake.path",
          "data/lake",
          "Lake folder on a local or shared POSIX file system (a path, not a URI).");
  public static final ConfigKey SOURCES =
      key("ingest.sources", "", "Comma-separated export paths that `ingest` reads by default.");
  public static final ConfigKey REPORT_TIMEZONE =
      key("report.timezone", "UTC", "Timezone that defines a calendar month.");
  public static final ConfigKey POSTMORTEM_SEVERITIES =
      key("postmortem.required-severities", "SEV1,SEV2", "Severities that require a post-mortem.");
  public static final ConfigKey POSTMORTEM_DEADLINE =
      key("postmortem.deadline", "PT48H", "Publish deadline after resolution (ISO-8601 duration).");

  public static final ConfigKey TARGET_SEVERITIES =
      key("targets.severities", "SEV1,SEV2", "Severities the response targets apply to.");
  public static final ConfigKey TARGET_POSTMORTEM_COMPLETION =
      key("targets.postmortem-completion", "1.0", "Share of required post-mortems published.");
  public static final ConfigKey TARGET_ACTION_ITEMS_TRACKED =
      key("targets.action-items-tracked", "0.9", "Share of action items with owner and due date.");
  public static final ConfigKey TARGET_ASSEMBLE_SECONDS =
      key("targets.assemble-seconds", "180", "Team assembly target (phase_assemble_s).");
  public static final ConfigKey TARGET_LEAD_SECONDS =
      key("targets.lead-within-seconds", "300", "Lead assigned within this many seconds.");
  public static final ConfigKey TARGET_ALL_ROLES_SECONDS =
      key(
          "targets.all-roles-within-seconds",
          "300",
          "All roles assigned within this many seconds.");
  public static final ConfigKey TARGET_MITIGATED_SECONDS =
      key("targets.mitigated-within-seconds", "1800", "Mitigated within this many seconds.");

  public static final ConfigKey ALERT_CORRELATION_BEFORE =
      key(
          "metrics.alert-correlation-before",
          "PT30M",
          "Correlated alerts may fire this long before reported_at.");
  public static final ConfigKey NOISY_MIN_FIRED =
      key("metrics.noisy-min-fired", "10", "A noisy rule fired at least this often in the month.");
  public static final ConfigKey NOISY_MAX_ACTIONABLE =
      key(
          "metrics.noisy-max-actionable-rate",
          "0.10",
          "A noisy rule is actionable less than this.");
  public static final ConfigKey INTERRUPTION_MERGE_SECONDS =
      key(
          "metrics.interruption-merge-seconds",
          "60",
          "Pages this close count as one interruption.");
  public static final ConfigKey BUSINESS_HOURS =
      key("metrics.business-hours", "08:00-18:00", "Business hours, Monday to Friday, local time.");
  public static final ConfigKey SLEEP_HOURS =
      key("metrics.sleep-hours", "22:00-08:00", "Sleep hours, every day, local time.");
  public static final ConfigKey HERO_WINDOW_DAYS =
      key("metrics.hero-window-days", "90", "Trailing window for the hero share.");
  public static final ConfigKey HERO_TOP_LEADS =
      key("metrics.hero-top-leads", "3", "How many top SEV1 leads the hero share counts.");
  public static final ConfigKey BOOTSTRAP_RESAMPLES =
      key("metrics.bootstrap-resamples", "2000", "Bootstrap resamples for month-over-month CIs.");
  public static final ConfigKey BOOTSTRAP_SEED =
      key("metrics.bootstrap-seed", "20211001", "Fixed bootstrap seed, so reports reproduce.");
  public static final ConfigKey SMALL_SAMPLE_N =
      key("metrics.small-sample-n", "10", "Below this many incidents a month is a small sample.");
  public static final ConfigKey EXCLUDED_GAME_DAY_PATTERN =
      key(
          "metrics.game-day-pattern",
          "(?i)game[ _-]?day",
          "Type or title pattern that marks a game day where the tool has no mode.");
  public static final ConfigKey EXCLUDED_TEST_PATTERN =
      key(
          "metrics.test-pattern",
          "(?i)(^|[^a-z])test([^a-z]|$)",
          "Type or title pattern that marks a test incident where the tool has no mode.");

  public static final ConfigKey CHANNEL_PATTERN =
      key(
          "linking.channel-pattern",
          "^inc(?:ident)?-(\\d+)(?:-|$)",
          "Chat channel name pattern; group 1 is the incident number.");
  public static final ConfigKey JIRA_PATTERN =
      key(
          "linking.jira-pattern",
          "(?i)^(inc|incident)-(\\d+)$",
          "Jira label or link key pattern; group 2 is the incident number.");
  public static final ConfigKey PRIMARY_INCIDENT_SOURCE =
      key(
          "linking.primary-source",
          "incidentio",
          "Incident source that wins when several share a number.");

  public static final ConfigKey REDACT_SECRETS =
      key("ingest.redact-secrets", "true", "Redact token shapes in chat text and notes.");
  public static final ConfigKey SOURCE_TIMEZONE =
      key("ingest.source-timezone", "UTC", "Zone for source timestamps that carry none.");
  public static final ConfigKey JIRA_DATE_FORMAT =
      key("ingest.jira-date-format", "dd/MMM/yy h:mm a", "Date format of Jira CSV exports.");

  public static final ConfigKey INCIDENTIO_TIMESTAMPS =
      key(
          "ingest.incidentio-timestamps",
          "impact_started_at=Impact started;detected_at=Detected;reported_at=Reported;"
              + "identified_at=Identified;mitigated_at=Fixed;resolved_at=Resolved;"
              + "closed_at=Closed;postmortem_published_at=Documented",
          "incident.io timestamp names per milestone (matched case-insensitively, with or without"
              + " a trailing ' at').");
  public static final ConfigKey TRANSFORM_ENGINE =
      key("transform.engine", "spark", "spark or duckdb.");
  public static final ConfigKey SPARK_MASTER =
      key("transform.master", "local[*]", "Spark master URL.");

  public static final ConfigKey LLM_PROVIDER =
      key("llm.provider", "none", "none, openai, ollama or anthropic.");
  public static final ConfigKey LLM_MODEL = key("llm.model", "", "Model name.");
  public static final ConfigKey LLM_BASE_URL = key("llm.base-url", "", "Provider base URL.");
  public static final ConfigKey LLM_API_KEY =
      new ConfigKey("llm.api-key", "", true, "API key; environment only.");
  public static final ConfigKey LLM_TIMEOUT =
      key("llm.timeout", "PT60S", "Per-request timeout (ISO-8601 duration).");
  public static final ConfigKey LLM_MAX_RETRIES =
      key("llm.max-retries", "3", "Retries on timeouts, 429 and 5xx before falling back.");
  public static final ConfigKey LLM_TOKEN_BUDGET =
      key("llm.token-budget", "6000", "Input token budget per request; longer input is chunked.");
  public static final ConfigKey LLM_OLLAMA_NUM_CTX =
      key("llm.ollama-num-ctx", "8192", "Ollama context size, set explicitly.");

  // incidents receive, the webhook receiver (issue 18). Its secrets come from the environment only.
  public static final ConfigKey RECEIVER_BIND =
      key("receiver.bind", "127.0.0.1", "Address the webhook receiver listens on.");
  public static final ConfigKey RECEIVER_PORT =
      key("receiver.port", "9095", "Port of the webhook receiver.");
  public static final ConfigKey RECEIVER_SPOOL =
      key("receiver.spool", "data/spool", "Folder of the receiver's spool segments.");
  public static final ConfigKey RECEIVER_SEGMENT_MAX_BYTES =
      key("receiver.segment-max-bytes", "67108864", "A spool segment is closed at this size.");
  public static final ConfigKey RECEIVER_SEGMENT_MAX_AGE =
      key(
          "receiver.segment-max-age",
          "60s",
          "A spool segment is closed this long after its first line.");
  public static final ConfigKey RECEIVER_SPOOL_CAPACITY =
      key(
          "receiver.spool-capacity-bytes",
          "0",
          "Most bytes the spool's segments may hold; beyond, requests get 503. 0: no limit.");
  public static final ConfigKey RECEIVER_MAX_CONCURRENT =
      key("receiver.max-concurrent-requests", "64", "Requests handled at once.");
  public static final ConfigKey RECEIVER_MAX_QUEUED =
      key("receiver.max-queued-requests", "512", "Requests that may wait; beyond, 503 at once.");
  public static final ConfigKey RECEIVER_TOKEN =
      new ConfigKey(
          "receiver.token", "", true, "Bearer token of the Alertmanager and Grafana endpoints.");
  public static final ConfigKey RECEIVER_PAGERDUTY_SECRET =
      new ConfigKey(
          "receiver.pagerduty-secret",
          "",
          true,
          "PagerDuty Webhooks v3 subscription secret(s), comma-separated while rotating.");
  public static final ConfigKey RECEIVER_INCIDENTIO_SECRET =
      new ConfigKey(
          "receiver.incidentio-secret",
          "",
          true,
          "incident.io webhook signing secret(s) (whsec_...), comma-separated while rotating.");
  public static final ConfigKey TARGET_POSTMORTEM_ON_TIME =
      key(
          "targets.postmortem-on-time",
          "1.0",
          "Share of required post-mortems published within postmortem.deadline.");
  public static final ConfigKey REPORT_OUT_DIR =
      key(
          "report.out-dir",
          "data/reports",
          "Folder under which each report is written (a YYYY-MM or YYYY-Qn folder per report).");
  public static final ConfigKey REPORT_DRAFTS_DIR =
      key(
          "report.drafts-dir",
          "data/drafts",
          "Folder of post-mortem drafts (INC-N.md) that the report links to when one exists.");
  public static final ConfigKey REPORT_INTERVAL_MINIMUM_N =
      key(
          "report.interval-minimum-n",
          "5",
          "Below this many values in either month, the report prints no interval.");
  public static final ConfigKey DRAFT_TIMELINE_CAP =
      key("draft.timeline-cap", "40", "Timeline rows of a post-mortem draft; the rest is counted.");
  public static final ConfigKey DRAFT_SIGNAL_REACTIONS =
      key(
          "draft.signal-reactions",
          "pushpin,eyes",
          "Slack reactions that put a message on the timeline.");
  public static final ConfigKey DRAFT_FINDING_WORDS =
      key(
          "draft.finding-words",
          "rollback,roll back,rolled back,revert,root cause,found,deploy,flag,mitigat,fix,restart,retry,config,decid",
          "Words of a role holder's chat message that report a finding or a decision.");
  public static final ConfigKey DRAFT_CAUSE_WORDS =
      key(
          "draft.cause-words",
          "root cause,because,caused by,found it,regression,due to,culprit,triggered by",
          "Words of a chat message offered as a root-cause lead (unverified).");
  public static final ConfigKey DRAFT_THREAD_REPLIES =
      key("draft.thread-replies", "3", "Replies that make a thread root a timeline row.");
  public static final ConfigKey DRAFT_SIMILARITY_THRESHOLD =
      key("draft.similarity-threshold", "0.5", "Lowest similarity of a listed similar incident.");
  public static final ConfigKey SOURCES_INCIDENTIO_BASE_URL =
      key("sources.incidentio.base-url", "https://api.incident.io", "incident.io API base URL.");
  public static final ConfigKey SOURCES_INCIDENTIO_TOKEN =
      secret("sources.incidentio.token", "incident.io API key (Bearer); environment only.");
  public static final ConfigKey SOURCES_PAGERDUTY_BASE_URL =
      key(
          "sources.pagerduty.base-url",
          "https://api.pagerduty.com",
          "PagerDuty REST API base URL.");
  public static final ConfigKey SOURCES_PAGERDUTY_TOKEN =
      secret("sources.pagerduty.token", "PagerDuty REST API key (read-only); environment only.");
  public static final ConfigKey SOURCES_PAGERDUTY_SERVICE_IDS =
      key("sources.pagerduty.service-ids", "", "Optional comma-separated service id filter.");
  public static final ConfigKey SOURCES_OPSGENIE_BASE_URL =
      key("sources.opsgenie.base-url", "https://api.opsgenie.com", "Opsgenie API base URL.");
  public static final ConfigKey SOURCES_OPSGENIE_TOKEN =
      secret("sources.opsgenie.token", "Opsgenie API key (GenieKey); environment only.");
  public static final ConfigKey SOURCES_SLACK_BASE_URL =
      key("sources.slack.base-url", "https://slack.com/api", "Slack Web API base URL.");
  public static final ConfigKey SOURCES_SLACK_TOKEN =
      secret("sources.slack.token", "Slack bot or user token; environment only.");
  public static final ConfigKey SOURCES_SLACK_CHANNELS =
      key("sources.slack.channels", "inc-*,incident-*", "Channel name globs to pull.");
  public static final ConfigKey SOURCES_JIRA_BASE_URL =
      key(
          "sources.jira.base-url",
          "",
          "Jira Cloud site URL, such as https://example.atlassian.net.");
  public static final ConfigKey SOURCES_JIRA_TOKEN =
      secret("sources.jira.token", "Jira API token (Basic auth with the email); environment only.");
  public static final ConfigKey SOURCES_JIRA_EMAIL =
      key("sources.jira.email", "", "Account email for Basic auth with the API token.");
  public static final ConfigKey SOURCES_JIRA_JQL =
      key(
          "sources.jira.jql",
          "labels in (incident, postmortem, follow-up)",
          "JQL that selects the incident work; the pull adds the updated bound.");
  public static final ConfigKey SOURCES_STATUSPAGE_BASE_URL =
      key(
          "sources.statuspage.base-url",
          "",
          "Status page URL (public API) or the manage API URL when a token is set.");
  public static final ConfigKey SOURCES_STATUSPAGE_TOKEN =
      secret("sources.statuspage.token", "Statuspage manage API key; environment only.");
  public static final ConfigKey SOURCES_STATUSPAGE_PAGE =
      key("sources.statuspage.page", "", "Statuspage page id for the manage API.");

  public static final List<ConfigKey> ALL =
      List.of(
          LAKE_PATH,
          SOURCES,
          REPORT_TIMEZONE,
          POSTMORTEM_SEVERITIES,
          POSTMORTEM_DEADLINE,
          TARGET_SEVERITIES,
          TARGET_POSTMORTEM_COMPLETION,
          TARGET_ACTION_ITEMS_TRACKED,
          TARGET_ASSEMBLE_SECONDS,
          TARGET_LEAD_SECONDS,
          TARGET_ALL_ROLES_SECONDS,
          TARGET_MITIGATED_SECONDS,
          ALERT_CORRELATION_BEFORE,
          NOISY_MIN_FIRED,
          NOISY_MAX_ACTIONABLE,
          INTERRUPTION_MERGE_SECONDS,
          BUSINESS_HOURS,
          SLEEP_HOURS,
          HERO_WINDOW_DAYS,
          HERO_TOP_LEADS,
          BOOTSTRAP_RESAMPLES,
          BOOTSTRAP_SEED,
          SMALL_SAMPLE_N,
          EXCLUDED_GAME_DAY_PATTERN,
          EXCLUDED_TEST_PATTERN,
          CHANNEL_PATTERN,
          JIRA_PATTERN,
          PRIMARY_INCIDENT_SOURCE,
          REDACT_SECRETS,
          SOURCE_TIMEZONE,
          JIRA_DATE_FORMAT,
          INCIDENTIO_TIMESTAMPS,
          TRANSFORM_ENGINE,
          SPARK_MASTER,
          LLM_PROVIDER,
          LLM_MODEL,
          LLM_BASE_URL,
          LLM_API_KEY,
          LLM_TIMEOUT,
          LLM_MAX_RETRIES,
          LLM_TOKEN_BUDGET,
          LLM_OLLAMA_NUM_CTX,
          RECEIVER_BIND,
          RECEIVER_PORT,
          RECEIVER_SPOOL,
          RECEIVER_SEGMENT_MAX_BYTES,
          RECEIVER_SEGMENT_MAX_AGE,
          RECEIVER_SPOOL_CAPACITY,
          RECEIVER_MAX_CONCURRENT,
          RECEIVER_MAX_QUEUED,
          RECEIVER_TOKEN,
          RECEIVER_PAGERDUTY_SECRET,
          RECEIVER_INCIDENTIO_SECRET,
          TARGET_POSTMORTEM_ON_TIME,
          REPORT_OUT_DIR,
          REPORT_DRAFTS_DIR,
          REPORT_INTERVAL_MINIMUM_N,
          DRAFT_TIMELINE_CAP,
          DRAFT_SIGNAL_REACTIONS,
          DRAFT_FINDING_WORDS,
          DRAFT_CAUSE_WORDS,
          DRAFT_THREAD_REPLIES,
          DRAFT_SIMILARITY_THRESHOLD,
          SOURCES_INCIDENTIO_BASE_URL,
          SOURCES_INCIDENTIO_TOKEN,
          SOURCES_PAGERDUTY_BASE_URL,
          SOURCES_PAGERDUTY_TOKEN,
          SOURCES_PAGERDUTY_SERVICE_IDS,
          SOURCES_OPSGENIE_BASE_URL,
          SOURCES_OPSGENIE_TOKEN,
          SOURCES_SLACK_BASE_URL,
          SOURCES_SLACK_TOKEN,
          SOURCES_SLACK_CHANNELS,
          SOURCES_JIRA_BASE_URL,
          SOURCES_JIRA_TOKEN,
          SOURCES_JIRA_EMAIL,
          SOURCES_JIRA_JQL,
          SOURCES_STATUSPAGE_BASE_URL,
          SOURCES_STATUSPAGE_TOKEN,
          SOURCES_STATUSPAGE_PAGE);

  private static ConfigKey key(String name, String defaultValue, String description) {
    return new ConfigKey(name, defaultValue, false, description);
  }

  private static ConfigKey secret(String name, String description) {
    return new ConfigKey(name, "", true, description);
  }
}
