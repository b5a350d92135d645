package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotifyPropertiesTest {

  private static NotifyProperties.Dispatcher defaults() {
    return new NotifyProperties.Dispatcher(
        Duration.ofMillis(500),
        4,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        Duration.ofHours(24));
  }

  @Test
  void backOffStartsAtOneSecondDoublesAndStopsAtFiveMinutes() {
    NotifyProperties.Dispatcher d = defaults();
    assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(d.backoff(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(d.backoff(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void invalidSettingsNameTheKey() {
    assertThatThrownBy(() -> new NotifyProperties.Sms("pigeon"))
        .hasMessageContaining("vigil.notify.sms.via");
    assertThatThrownBy(
            () ->
                new NotifyProperties.Dispatcher(
                    Duration.ofMillis(500),
                    0,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5),
                    Duration.ofHours(24)))
        .hasMessageContaining("vigil.notify.dispatcher.senders");
    assertThatThrownBy(
            () ->
                new NotifyProperties.Smtp(
                    "mail", 0, null, null, false, false, "a@b", Duration.ofSeconds(1)))
        .hasMessageContaining("vigil.notify.smtp.port");
  }
}
