package io.vigil.weblog;

/** The dimensions of the top tables, named as the {@code dim} tag of {@code weblog_top}. */
public enum Dimension {
  URL("url"),
  CLIENT("client"),
  REFERRER("referrer"),
  BROWSER("browser"),
  OS("os"),
  BOT("bot"),
  VHOST("vhost"),
  UPSTREAM("upstream");

  private final String tag;

  Dimension(String tag) {
    this.tag = tag;
  }

  /** The tag value. */
  public String tag() {
    return tag;
  }
}
