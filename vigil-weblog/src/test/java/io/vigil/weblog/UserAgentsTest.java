package io.vigil.weblog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentsTest {

  private final UserAgents agents = new UserAgents();

  /** browser / os / bot (or "-") of a user agent. */
  private String classify(String agent) {
    byte[] b = agent.getBytes(UTF_8);
    int c = agents.classify(b, 0, b.length);
    int bot = UserAgents.bot(c);
    return agents.browsers().name(UserAgents.browser(c))
        + " / "
        + agents.systems().name(UserAgents.system(c))
        + " / "
        + (bot < 0 ? "-" : agents.bots().name(bot));
  }

  @Test
  void browsersAndSystemsOfRealUserAgents() {
    assertThat(
            classify(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/124.0.0.0 Safari/537.36"))
        .isEqualTo("Chrome / Windows / -");
    assertThat(
            classify(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80"))
        .isEqualTo("Edge / Windows / -");
    assertThat(
            classify(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"))
        .isEqualTo("Safari / iOS / -");
    assertThat(
            classify(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
                    + " Gecko) Version/17.4.1 Safari/605.1.15"))
        .isEqualTo("Safari / macOS / -");
    assertThat(
            classify(
                "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536N) AppleWebKit/537.36 (KHTML, like"
                    + " Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36"))
        .isEqualTo("Samsung Internet / Android / -");
    assertThat(classify("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"))
        .isEqualTo("Firefox / Linux / -");
    assertThat(classify("curl/8.5.0")).isEqualTo("curl / Other / -");
    assertThat(classify("python-requests/2.31.0")).isEqualTo("Python / Other / -");
    assertThat(classify("-")).isEqualTo("Other / Other / -");
    assertThat(classify("")).isEqualTo("Other / Other / -");
  }

  @Test
  void botsByNameAndByBotWords() {
    assertThat(classify("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        .isEqualTo("Bot / Other / Googlebot");
    assertThat(
            classify(
                "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36"
                    + " (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36"
                    + " (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        .isEqualTo("Bot / Android / Googlebot");
    assertThat(classify("Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/)"))
        .as("no rule names it: the product token holding 'bot'")
        .isEqualTo("Bot / Other / SeznamBot");
    assertThat(classify("Mozilla/5.0 (compatible; Barkrowler/0.9; +https://babbar.tech/crawler)"))
        .isEqualTo("Bot / Other / crawler");
    assertThat(classify("Mozilla/5.0 (Linux; Android 10; CUBOT_X30) Chrome/124.0 Safari/537.36"))
        .as("a phone model is not a bot")
        .isEqualTo("Chrome / Android / -");
  }

  @Test
  void theCacheAnswersLikeTheRules() {
    String[] uas = {"curl/8.5.0", "Mozilla/5.0 (compatible; AhrefsBot/7.0)", "Wget/1.21"};
    for (int round = 0; round < 3; round++) {
      assertThat(classify(uas[0])).isEqualTo("curl / Other / -");
      assertThat(classify(uas[1])).isEqualTo("Bot / Other / AhrefsBot");
      assertThat(classify(uas[2])).isEqualTo("Wget / Other / -");
    }
  }

  @Test
  void discoveredBotNamesAreBounded() {
    for (int i = 0; i < UserAgents.MAX_DISCOVERED_BOTS + 10; i++) {
      classify("Scanner" + i + "Bot/1.0");
    }
    assertThat(classify("YetAnotherNewBot/1.0")).endsWith(" / " + UserAgents.OTHER_BOT);
  }
}
