package io.vigil.server.items;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import io.vigil.server.web.ApiException;
import org.springframework.http.HttpStatus;

/** Validation of the names and descriptions of templates and host groups. */
public final class ConfigText {

  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 1000;

  private ConfigText() {}

  public static String name(String name) {
    String stripped = name == null ? null : name.strip();
    Names.requireText("name", stripped, MAX_NAME);
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name must not contain control characters");
    }
    return stripped;
  }

  public static String description(String description) {
    if (description == null) {
      return "";
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new InvalidInputException(
          "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    return description.strip();
  }

  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", message);
  }
}
