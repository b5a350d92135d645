package io.vigil.server.auth;

/**
 * A writer authenticated by an ingest token (Telegraf, Glances): it may write points and nothing
 * else.
 *
 * @param tokenId the token's id
 * @param name the token's name, for logs
 * @param groupId the host group new hosts it reports join, or null for the server's default
 */
public record IngestPrincipal(long tokenId, String name, Long groupId) {

  /** The authority of ingest tokens; only the write endpoints ask for it. */
  public static final String ROLE = "INGEST";
}
