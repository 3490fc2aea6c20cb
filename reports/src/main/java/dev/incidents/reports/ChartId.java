package dev.incidents.reports;

/**
 * Every chart a report can carry. The id names the PNG ({@code file()}) that the Markdown links and
 * the HTML, PDF and XLSX embed.
 */
public enum ChartId {
  TTR_TREND_3_MONTHS("ttr_trend_3m"),
  TTR_TREND_12_MONTHS("ttr_trend_12m"),
  PHASES("phases"),
  SERVICES("services"),
  SEVERITY_MIX("severity_mix"),
  NOISY_RULES("noisy_rules"),
  POSTMORTEMS("postmortems"),
  INCIDENTS_PER_MONTH("incidents_per_month");

  private final String name;

  ChartId(String name) {
    this.name = name;
  }

  /** The file the chart is written to, such as {@code phases.png}. */
  public String file() {
    return name + ".png";
  }
}
