package io.vigil.server.notify;

import io.vigil.model.InvalidInputException;

/** Shared checks of request fields; each failure names the field. */
final class Fields {

  private Fields() {}

  static String name(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + " is required");
    }
    String name = value.strip();
    if (name.length() > 100) {
      throw new InvalidInputException(field + " is longer than 100 characters");
    }
    return name;
  }
}
