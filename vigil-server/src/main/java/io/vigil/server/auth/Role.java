package io.vigil.server.auth;

/**
 * What a user may do. Least privilege: viewers read, operators also act, admins also administer.
 */
public enum Role {
  ADMIN,
  OPERATOR,
  VIEWER;

  public String authority() {
    return "ROLE_" + name();
  }
}
