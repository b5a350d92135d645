package io.vigil.bench.weblog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A reproducible <em>combined</em> access log with the skew of real traffic: Zipf-distributed URLs
 * (pages, product and API paths with ids and query strings, static assets), Zipf clients among
 * 60,000 addresses, referrers (none, own pages, search engines with queries), real user-agent
 * strings of browsers, tools and crawlers, a status mix with 3xx/4xx/5xx and log-normal response
 * sizes. The same seed gives the same bytes.
 *
 * <pre>
 * java -cp vigil-bench.jar io.vigil.bench.weblog.AccessLogGenerator --lines 2000000 --out access.log [--seed 7]
 * java -cp vigil-bench.jar io.vigil.bench.weblog.AccessLogGenerator --rate 1000 --seconds 90 --out access.log
 * </pre>
 *
 * The second form appends {@code rate} lines per second for {@code seconds} (a live web server, for
 * the agent's steady-state cost).
 */
public final class AccessLogGenerator {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private static final String[][] AGENTS = {
    // weight, user agent
    {
      "30",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36"
    },
    {
      "12",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
    },
    {
      "10",
      "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.6367.82 Mobile Safari/537.36"
    },
    {
      "8",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/17.4.1 Safari/605.1.15"
    },
    {
      "7",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80"
    },
    {"6", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0"},
    {"3", "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"},
    {
      "3",
      "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536N) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36"
    },
    {
      "2",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36 Whale/3.25.232.19"
    },
    {"4", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
    {
      "2",
      "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like"
          + " Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1;"
          + " +http://www.google.com/bot.html)"
    },
    {
      "2",
      "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0;"
          + " +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36"
    },
    {"1", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"},
    {"1", "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)"},
    {"1", "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)"},
    {"1", "Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/)"},
    {"2", "curl/8.5.0"},
    {"1", "python-requests/2.31.0"},
    {"1", "Go-http-client/1.1"},
    {"1", "kube-probe/1.29"},
    {"1", "-"},
  };

  private static final String[] SECTIONS = {
    "/",
    "/index.html",
    "/about",
    "/contact",
    "/login",
    "/logout",
    "/cart",
    "/checkout",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
    "/feed.xml"
  };

  private static final String[] SEARCH_TERMS = {
    "shoes", "laptop", "phone+case", "coffee", "desk", "chair", "headphones", "monitor",
    "keyboard", "backpack", "watch", "camera", "jacket", "lamp", "tent", "bike"
  };

  private final SplittableRandom random;
  private final Zipf urls;
  private final Zipf clients;
  private final Zipf pages;
  private final String[] urlTable;
  private final String[] clientTable;
  private final String[] agentTable;
  private final int[] agentCumulative;
  private long clock = 1_717_200_000L; // 2024-06-01, seconds
  private final Map<Long, String> dayText = new HashMap<>();
  private long lastClock = -1;
  private String lastTime;

  AccessLogGenerator(long seed) {
    random = new SplittableRandom(seed);
    urlTable = buildUrls(new SplittableRandom(seed + 1), 40_000);
    urls = new Zipf(urlTable.length, 1.05);
    clientTable = buildClients(new SplittableRandom(seed + 2), 60_000);
    clients = new Zipf(clientTable.length, 0.9);
    pages = new Zipf(500, 1.1);
    agentTable = new String[AGENTS.length];
    agentCumulative = new int[AGENTS.length];
    int sum = 0;
    for (int i = 0; i < AGENTS.length; i++) {
      sum += Integer.parseInt(AGENTS[i][0]);
      agentCumulative[i] = sum;
      agentTable[i] = AGENTS[i][1];
    }
  }

  private static String[] buildUrls(SplittableRandom r, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (i < SECTIONS.length ? -1 : r.nextInt(10)) {
            case -1 -> SECTIONS[i];
            case 0, 1 -> "/product/" + (10_000 + r.nextInt(90_000));
            case 2 -> "/product/" + (10_000 + r.nextInt(90_000)) + "/reviews?page=" + r.nextInt(20);
            case 3 ->
                "/category/"
                    + SEARCH_TERMS[r.nextInt(SEARCH_TERMS.length)]
                    + "?sort=price&page="
                    + r.nextInt(30);
            case 4 -> "/search?q=" + SEARCH_TERMS[r.nextInt(SEARCH_TERMS.length)] + "&lang=ko";
            case 5 ->
                "/api/v1/items/"
                    + r.nextInt(1_000_000)
                    + "?fields=name,price&ts="
                    + r.nextLong(1L << 40);
            case 6 -> "/api/v1/orders?user=" + r.nextInt(100_000) + "&status=open";
            case 7 -> String.format(Locale.ROOT, "/static/js/app.%08x.js", r.nextInt());
            case 8 -> String.format(Locale.ROOT, "/static/img/%d.webp", r.nextInt(20_000));
            default -> "/blog/" + (2015 + r.nextInt(10)) + "/post-" + r.nextInt(5_000) + ".html";
          };
    }
    return out;
  }

  private static String[] buildClients(SplittableRandom r, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          i % 10 == 9
              ? String.format(
                  Locale.ROOT,
                  "2001:db8:%x:%x::%x",
                  r.nextInt(65536),
                  r.nextInt(65536),
                  r.nextInt(65536))
              : (1 + r.nextInt(223))
                  + "."
                  + r.nextInt(256)
                  + "."
                  + r.nextInt(256)
                  + "."
                  + (1 + r.nextInt(254));
    }
    return out;
  }

  /** One line, newline included. */
  String line() {
    clock += random.nextInt(3) == 0 ? 1 : 0;
    String client = clientTable[clients.next(random)];
    int m = random.nextInt(100);
    String method = m < 88 ? "GET" : m < 96 ? "POST" : m < 98 ? "HEAD" : m < 99 ? "PUT" : "OPTIONS";
    String url = urlTable[urls.next(random)];
    int s = random.nextInt(1000);
    int status =
        s < 800
            ? 200
            : s < 850
                ? 304
                : s < 870
                    ? 301
                    : s < 890
                        ? 302
                        : s < 940
                            ? 404
                            : s < 950
                                ? 403
                                : s < 960
                                    ? 400
                                    : s < 965
                                        ? 401
                                        : s < 970
                                            ? 429
                                            : s < 985 ? 500 : s < 992 ? 502 : s < 997 ? 503 : 504;
    long bytes =
        status == 304 || method.equals("HEAD")
            ? 0
            : (long) Math.exp(7 + 1.6 * random.nextDouble() * random.nextDouble() * 4);
    String bytesText = bytes == 0 && random.nextBoolean() ? "-" : Long.toString(bytes);
    StringBuilder sb = new StringBuilder(320);
    sb.append(client).append(" - ");
    sb.append(random.nextInt(50) == 0 ? "alice" : "-");
    sb.append(" [").append(time()).append("] \"");
    sb.append(method).append(' ').append(url).append(' ').append("HTTP/1.1\" ");
    sb.append(status)
        .append(' ')
        .append(bytesText)
        .append(" \"")
        .append(referrer())
        .append("\" \"");
    sb.append(agent()).append("\"\n");
    return sb.toString();
  }

  private String time() {
    if (clock == lastClock) {
      return lastTime;
    }
    lastClock = clock;
    lastTime = formatTime();
    return lastTime;
  }

  private String formatTime() {
    long day = Math.floorDiv(clock, 86_400);
    String date =
        dayText.computeIfAbsent(
            day,
            d -> {
              java.time.LocalDate local = java.time.LocalDate.ofEpochDay(d);
              return String.format(
                  Locale.ROOT,
                  "%02d/%s/%d",
                  local.getDayOfMonth(),
                  MONTHS[local.getMonthValue() - 1],
                  local.getYear());
            });
    long sec = Math.floorMod(clock, 86_400);
    return String.format(
        Locale.ROOT, "%s:%02d:%02d:%02d +0900", date, sec / 3600, sec / 60 % 60, sec % 60);
  }

  private String referrer() {
    int r = random.nextInt(10);
    if (r < 4) {
      return "-";
    }
    if (r < 8) {
      return "https://shop.example.com" + urlTable[pages.next(random)];
    }
    if (r < 9) {
      return "https://www.google.com/search?q=" + SEARCH_TERMS[random.nextInt(SEARCH_TERMS.length)];
    }
    return "https://search.naver.com/search.naver?query="
        + SEARCH_TERMS[random.nextInt(SEARCH_TERMS.length)]
        + "&where=nexearch";
  }

  private String agent() {
    int pick = random.nextInt(agentCumulative[agentCumulative.length - 1]);
    for (int i = 0; i < agentCumulative.length; i++) {
      if (pick < agentCumulative[i]) {
        return agentTable[i];
      }
    }
    return agentTable[0];
  }

  /** Zipf(n, s) by inverse transform over a precomputed CDF. */
  static final class Zipf {
    private final double[] cdf;

    Zipf(int n, double s) {
      cdf = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += 1 / Math.pow(i + 1, s);
        cdf[i] = sum;
      }
      for (int i = 0; i < n; i++) {
        cdf[i] /= sum;
      }
    }

    int next(SplittableRandom r) {
      double u = r.nextDouble();
      int lo = 0;
      int hi = cdf.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (!a.containsKey("out")) {
      throw new IllegalArgumentException(
          "usage: AccessLogGenerator --out FILE (--lines N | --rate R --seconds S) [--seed 7]");
    }
    Path out = Path.of(a.get("out"));
    AccessLogGenerator generator =
        new AccessLogGenerator(Long.parseLong(a.getOrDefault("seed", "7")));
    if (a.containsKey("rate")) {
      appendPaced(
          generator,
          out,
          Integer.parseInt(a.get("rate")),
          Integer.parseInt(a.getOrDefault("seconds", "60")));
      return;
    }
    long lines = Long.parseLong(a.getOrDefault("lines", "2000000"));
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      for (long i = 0; i < lines; i++) {
        os.write(generator.line().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Appends {@code rate} lines per second in ten small bursts a second, as a server writes. */
  private static void appendPaced(AccessLogGenerator generator, Path out, int rate, int seconds)
      throws IOException {
    try (OutputStream os =
        Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      long start = System.nanoTime();
      long written = 0;
      long total = (long) rate * seconds;
      List<byte[]> burst = new ArrayList<>();
      while (written < total) {
        long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
        burst.clear();
        while (written < due) {
          burst.add(generator.line().getBytes(StandardCharsets.UTF_8));
          written++;
        }
        for (byte[] line : burst) {
          os.write(line);
        }
        os.flush();
        LockSupport.parkNanos(100_000_000L); // pacing the writer: ten writes a second
      }
    }
  }
}
