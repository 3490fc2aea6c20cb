package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.redact.SecretRedactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "token xoxb-2041234567890-1234567890123-AbCdEfGhIjKlMnOp here | token [REDACTED:slack] here",
        "ghp_R8x2Kq9LmN4pQ7sT1vW3yZ5bC6dE8fG0hJ2k | [REDACTED:github]",
        "key AKIAIOSFODNN7EXAMPLE! | key [REDACTED:aws]!",
        "AIzaSyA1234567890abcdefghijklmnopqrstuv | [REDACTED:google]",
        "pd token u+Kz7yVq3nWx9TbR1sLm-pagerduty | pd token [REDACTED:pagerduty]-pagerduty",
        "PAGERDUTY_API_KEY=y_NbAkKc66ryYTWUXYEu | PAGERDUTY_API_KEY=[REDACTED:pagerduty]",
        "use password=Hunter2-prod-db now | use password=[REDACTED:password] now",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbmNhbGwifQ.c2lnbmF0dXJlLXNpZ25h ok | jwt [REDACTED:jwt] ok",
        "rolling back checkout to v1.2.3 | rolling back checkout to v1.2.3",
      })
  void replacesEachSecretShapeWithItsKind(String input, String expected) {
    assertThat(new SecretRedactor().redact(input)).isEqualTo(expected);
  }

  @Test
  void redactsPrivateKeysAndCountsPerKind() {
    SecretRedactor redactor = new SecretRedactor();
    String text =
        "here:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nand AKIAIOSFODNN7EXAMPLE";
    assertThat(redactor.redact(text))
        .isEqualTo("here:\n[REDACTED:private-key]\nand [REDACTED:aws]");
    assertThat(redactor.counts()).containsEntry("private-key", 1L).containsEntry("aws", 1L);
    assertThat(redactor.total()).isEqualTo(2);
  }
}
