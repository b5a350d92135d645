package io.vigil.weblog;

import io.vigil.weblog.sketch.KeyHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the browser, operating system and bot of a User-Agent header by the rules of {@code
 * user-agents.txt} (data, not code: see that file for its syntax). A bot's browser is {@code Bot};
 * a user agent no rule names is {@code Other}. Bots that no rule names but whose user agent holds a
 * bot word ({@code bot}, {@code crawl}, {@code spider}…) are named after the product token holding
 * the word, up to {@value #MAX_DISCOVERED_BOTS} such names (then {@code Other bot}).
 *
 * <p>Classifying a user agent is a few dozen substring searches, so results are cached per
 * instance: a direct-mapped cache of {@value #CACHE_SIZE} entries keyed by the 64-bit hash of the
 * header (a hash collision between two distinct user agents would name one like the other; with
 * 64-bit hashes that is negligible). Not thread-safe: one instance per thread.
 */
public final class UserAgents {

  static final int CACHE_SIZE = 4096;
  static final int MAX_DISCOVERED_BOTS = 1024;
  static final String BOT_BROWSER = "Bot";
  static final String OTHER = "Other";
  static final String OTHER_BOT = "Other bot";

  /** Rules shared by every instance. */
  private static final Rules RULES = Rules.load();

  private final KeyTable browsers = new KeyTable();
  private final KeyTable systems = new KeyTable();
  private final KeyTable bots = new KeyTable();
  private final long[] cacheHash = new long[CACHE_SIZE];
  private final int[] cacheValue = new int[CACHE_SIZE];
  private final int botBrowser;
  private final int otherBrowser;
  private final int otherSystem;

  public UserAgents() {
    RULES.browsers.forEach(r -> browsers.add(r.name()));
    RULES.systems.forEach(r -> systems.add(r.name()));
    RULES.bots.forEach(r -> bots.add(r.name()));
    botBrowser = browsers.add(BOT_BROWSER);
    otherBrowser = browsers.add(OTHER);
    otherSystem = systems.add(OTHER);
    java.util.Arrays.fill(cacheValue, -1);
  }

  /**
   * The classification of {@code buf[start..end)}, packed: see {@link #browser}, {@link #system},
   * {@link #bot}.
   */
  public int classify(byte[] buf, int start, int end) {
    long hash = KeyHash.of(buf, start, end);
    int slot = (int) hash & (CACHE_SIZE - 1);
    if (cacheHash[slot] == hash && cacheValue[slot] >= 0) {
      return cacheValue[slot];
    }
    int value = classify(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
    cacheHash[slot] = hash;
    cacheValue[slot] = value;
    return value;
  }

  int classify(String agent) {
    int bot = botOf(agent);
    int browser = bot >= 0 ? botBrowser : RULES.first(RULES.browsers, agent);
    if (browser < 0) {
      browser = otherBrowser;
    }
    int system = RULES.first(RULES.systems, agent);
    if (system < 0) {
      system = otherSystem;
    }
    return browser | system << 8 | (bot + 1) << 16;
  }

  private int botOf(String agent) {
    int named = RULES.first(RULES.bots, agent);
    if (named >= 0) {
      return named;
    }
    for (String not : RULES.notBots) {
      if (agent.contains(not)) {
        return -1;
      }
    }
    String lower = agent.toLowerCase(Locale.ROOT);
    for (String word : RULES.botWords) {
      int at = lower.indexOf(word);
      if (at >= 0) {
        return discoveredBot(productToken(agent, at, word.length()));
      }
    }
    return -1;
  }

  /** The word around {@code agent[at..at+length)}: letters, digits, '-', '_' and '.'. */
  private static String productToken(String agent, int at, int length) {
    int s = at;
    while (s > 0 && isTokenChar(agent.charAt(s - 1))) {
      s--;
    }
    int e = at + length;
    while (e < agent.length() && isTokenChar(agent.charAt(e))) {
      e++;
    }
    return agent.substring(s, e);
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.';
  }

  private int discoveredBot(String name) {
    int known = bots.indexOf(name);
    if (known >= 0) {
      return known;
    }
    if (bots.size() - RULES.bots.size() >= MAX_DISCOVERED_BOTS) {
      int other = bots.indexOf(OTHER_BOT);
      return other >= 0 ? other : bots.add(OTHER_BOT);
    }
    return bots.add(name);
  }

  /** The browser index of a packed classification. */
  public static int browser(int packed) {
    return packed & 0xff;
  }

  /** The operating-system index of a packed classification. */
  public static int system(int packed) {
    return (packed >>> 8) & 0xff;
  }

  /** The bot index of a packed classification, -1 when not a bot. */
  public static int bot(int packed) {
    return (packed >>> 16) - 1;
  }

  public KeyTable browsers() {
    return browsers;
  }

  public KeyTable systems() {
    return systems;
  }

  public KeyTable bots() {
    return bots;
  }

  /** Names as key bytes with their hashes, indexed. */
  public static final class KeyTable {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<byte[]> keys = new ArrayList<>();
    private long[] hashes = new long[16];

    int add(String name) {
      Integer known = index.get(name);
      if (known != null) {
        return known;
      }
      int i = names.size();
      byte[] key = name.getBytes(StandardCharsets.UTF_8);
      if (key.length > KeyText.MAX_BYTES) {
        byte[] cut = java.util.Arrays.copyOf(key, KeyText.MAX_BYTES + 8);
        key = java.util.Arrays.copyOf(cut, KeyText.cut(cut, key.length));
      }
      names.add(name);
      index.put(name, i);
      keys.add(key);
      if (i == hashes.length) {
        hashes = java.util.Arrays.copyOf(hashes, i * 2);
      }
      hashes[i] = KeyHash.of(key, 0, key.length);
      return i;
    }

    int indexOf(String name) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }

    public int size() {
      return names.size();
    }

    public String name(int i) {
      return names.get(i);
    }

    public byte[] key(int i) {
      return keys.get(i);
    }

    public long hash(int i) {
      return hashes[i];
    }
  }

  /** The parsed rules file. */
  private record Rules(
      List<Rule> bots,
      List<Rule> browsers,
      List<Rule> systems,
      List<String> notBots,
      List<String> botWords) {

    static Rules load() {
      try (InputStream in = UserAgents.class.getResourceAsStream("user-agents.txt")) {
        if (in == null) {
          throw new IllegalStateException("user-agents.txt is missing from the class path");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read user-agents.txt", e);
      }
    }

    static Rules parse(String text) {
      Rules rules =
          new Rules(
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>());
      int number = 0;
      for (String raw : text.split("\n")) {
        number++;
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\|");
        if (parts.length < 3) {
          throw new IllegalStateException(
              "user-agents.txt line " + number + ": expected kind | name | token ...");
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
          if (!parts[i].isBlank()) {
            tokens.add(parts[i].strip());
          }
        }
        Rule rule = new Rule(parts[1].strip(), List.copyOf(tokens));
        switch (parts[0].strip()) {
          case "bot" -> rules.bots.add(rule);
          case "browser" -> rules.browsers.add(rule);
          case "os" -> rules.systems.add(rule);
          case "not-bot" -> rules.notBots.addAll(tokens);
          case "bot-word" -> rules.botWords.addAll(tokens);
          default ->
              throw new IllegalStateException(
                  "user-agents.txt line " + number + ": unknown kind " + parts[0].strip());
        }
      }
      return rules;
    }

    /** The index of the first rule with a token in {@code agent}, or -1. */
    int first(List<Rule> list, String agent) {
      for (int i = 0; i < list.size(); i++) {
        for (String token : list.get(i).tokens()) {
          if (agent.contains(token)) {
            return i;
          }
        }
      }
      return -1;
    }
  }

  private record Rule(String name, List<String> tokens) {}
}
