package io.vigil.weblog;

/**
 * Reads the time of a log line as epoch seconds, from the bytes: {@code 10/Oct/2000:13:55:36 -0700}
 * (nginx {@code $time_local}, Apache {@code %t}), ISO 8601 {@code 2000-10-10T13:55:36-07:00}
 * ({@code $time_iso8601}) or {@code 971211336.123} ({@code $msec}). Returns {@link #UNKNOWN} for
 * anything else; never throws.
 */
final class LogTime {

  static final long UNKNOWN = Long.MIN_VALUE;

  private LogTime() {}

  static long epochSeconds(byte[] b, int s, int e) {
    try {
      int length = e - s;
      if (length == 26 && b[s + 2] == '/') {
        return local(b, s);
      }
      if (length >= 19 && b[s + 4] == '-' && b[s + 10] == 'T') {
        return iso(b, s, e);
      }
      return msec(b, s, e);
    } catch (RuntimeException ex) {
      return UNKNOWN;
    }
  }

  private static long local(byte[] b, int s) {
    int day = num(b, s, 2);
    int month = month(b[s + 3], b[s + 4], b[s + 5]);
    int year = num(b, s + 7, 4);
    int hour = num(b, s + 12, 2);
    int minute = num(b, s + 15, 2);
    int second = num(b, s + 18, 2);
    int zone = zone(b, s + 21, false);
    if ((day | month | year | hour | minute | second) < 0 || zone == Integer.MIN_VALUE) {
      return UNKNOWN;
    }
    return epoch(year, month, day, hour, minute, second) - zone;
  }

  private static long iso(byte[] b, int s, int e) {
    int year = num(b, s, 4);
    int month = num(b, s + 5, 2);
    int day = num(b, s + 8, 2);
    int hour = num(b, s + 11, 2);
    int minute = num(b, s + 14, 2);
    int second = num(b, s + 17, 2);
    int zone = 0;
    int z = s + 19;
    while (z < e && (b[z] == '.' || (b[z] >= '0' && b[z] <= '9'))) {
      z++; // fraction of a second
    }
    if (z < e && b[z] != 'Z') {
      zone = e - z == 6 ? zone(b, z, true) : Integer.MIN_VALUE;
    }
    if ((day | month | year | hour | minute | second) < 0 || zone == Integer.MIN_VALUE) {
      return UNKNOWN;
    }
    return epoch(year, month, day, hour, minute, second) - zone;
  }

  private static long msec(byte[] b, int s, int e) {
    long v = 0;
    int digits = 0;
    int i = s;
    while (i < e && b[i] >= '0' && b[i] <= '9' && digits < 12) {
      v = v * 10 + (b[i++] - '0');
      digits++;
    }
    if (digits == 0 || (i < e && b[i] != '.')) {
      return UNKNOWN;
    }
    return v;
  }

  /** {@code +0900} or, with a colon, {@code +09:00}: seconds east of UTC. */
  private static int zone(byte[] b, int at, boolean colon) {
    int sign = b[at] == '+' ? 1 : b[at] == '-' ? -1 : 0;
    int hours = num(b, at + 1, 2);
    int minutes = num(b, at + (colon ? 4 : 3), 2);
    if (sign == 0 || hours < 0 || minutes < 0) {
      return Integer.MIN_VALUE;
    }
    return sign * (hours * 3600 + minutes * 60);
  }

  private static int num(byte[] b, int at, int digits) {
    int v = 0;
    for (int i = at; i < at + digits; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int month(byte a, byte b, byte c) {
    String names = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (int m = 0; m < 12; m++) {
      if (names.charAt(m * 3) == a
          && names.charAt(m * 3 + 1) == b
          && names.charAt(m * 3 + 2) == c) {
        return m + 1;
      }
    }
    return -1;
  }

  /** Days from civil (H. Hinnant), to seconds. */
  static long epoch(int year, int month, int day, int hour, int minute, int second) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097L + doe - 719468;
    return days * 86400 + hour * 3600L + minute * 60L + second;
  }
}
