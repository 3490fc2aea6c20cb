package dev.incidents.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void buildsSourceEntityKeyIds() {
    assertThat(Ids.of("pagerduty", "incident", "PT4KHLK")).isEqualTo("pagerduty:incident:PT4KHLK");
    // Keys may contain colons (Slack channel:ts pairs) and overflow long (20-digit ids).
    assertThat(Ids.of("slack", "message", "C024BE91L:1355517523.000005"))
        .isEqualTo("slack:message:C024BE91L:1355517523.000005");
    assertThat(Ids.of("statuspage", "incident", "12345678901234567890"))
        .isEqualTo("statuspage:incident:12345678901234567890");
  }

  @Test
  void rejectsMalformedParts() {
    assertThatThrownBy(() -> Ids.of("page:rduty", "incident", "x"))
        .hasMessage("Invalid id source: 'page:rduty'");
    assertThatThrownBy(() -> Ids.of("pagerduty", "", "x")).hasMessage("Invalid id entity: ''");
    assertThatThrownBy(() -> Ids.of("pagerduty", "incident", " "))
        .hasMessage("Invalid id key: blank key for pagerduty:incident");
    assertThatThrownBy(() -> Ids.requireValid("PT4KHLK", "incidentId"))
        .hasMessage("Invalid incidentId: 'PT4KHLK' is not of the form <source>:<entity>:<key>");
  }

  @Test
  void recordsValidateThemselves() {
    Instant paged = Instant.parse("2026-01-01T10:00:00Z");
    assertThatThrownBy(
            () ->
                new Page(
                    "pagerduty:page:1",
                    Optional.empty(),
                    "alice",
                    PageChannel.PHONE,
                    paged,
                    Optional.of(paged.minusSeconds(1)),
                    Optional.empty()))
        .hasMessage("Invalid page pagerduty:page:1: acknowledged_at is before paged_at");
    assertThat(PageChannel.fromVendor("phone_notification")).isEqualTo(PageChannel.PHONE);
    assertThat(PageChannel.fromVendor("email_notification")).isEqualTo(PageChannel.EMAIL);
    assertThat(Severity.parse("P1")).contains(Severity.SEV1);
    assertThat(Severity.parse("Critical")).contains(Severity.SEV1);
    assertThat(Severity.parse("sev-3")).contains(Severity.SEV3);
    assertThat(Severity.parse("whatever")).isEmpty();
    assertThat(
            new Rejection("x", "f", "1", IngestErrorCode.TOO_LARGE, "m", "a".repeat(5000), paged)
                .raw())
        .hasSize(Rejection.MAX_RAW_CHARACTERS + 1);
  }
}
