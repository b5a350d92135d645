package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

  private final MessageTemplates templates = new MessageTemplates();

  static Problem problem() {
    return new Problem(
        42,
        7,
        "Disk full",
        "web-1",
        Map.of("mount", "/"),
        Severity.CRITICAL,
        Problem.Status.OPEN,
        1_700_000_000_000L,
        null,
        "used 97 % > 95 %",
        97.0,
        null,
        null,
        null);
  }

  @Test
  void everyKindHasSubjectAndBodyInEveryLanguage() {
    for (String language : MessageTemplates.LANGUAGES) {
      for (String kind : MessageTemplates.KINDS) {
        assertThat(templates.template(language, kind + ".subject"))
            .as(language + " " + kind)
            .isNotBlank();
        assertThat(templates.template(language, kind + ".body"))
            .as(language + " " + kind)
            .isNotBlank();
      }
    }
  }

  @Test
  void placeholdersAreFilledFromTheProblem() {
    Message m = templates.render("escalation", 2, "en", problem());
    assertThat(m.subject()).isEqualTo("[Vigil critical] ESCALATED (level 2): Disk full on web-1");
    assertThat(m.body())
        .contains("Problem #42", "{mount=/}", "Value: 97\n", "2023-11-14 22:13:20 UTC", "used 97 %")
        .doesNotContain("${");
  }

  @Test
  void koreanTextIsReadAsUtf8() {
    Message m = templates.render("recovery", 0, "ko", problem());
    assertThat(m.subject()).isEqualTo("[Vigil 복구] web-1의 Disk full 정상화");
    assertThat(m.body()).contains("복구되었습니다").doesNotContain("${");
  }
}
