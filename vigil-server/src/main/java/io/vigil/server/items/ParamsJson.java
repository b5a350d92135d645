package io.vigil.server.items;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Item parameters to and from the JSON text stored in {@code params_json}. */
final class ParamsJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() {};

  private ParamsJson() {}

  static String write(Map<String, String> params) {
    return MAPPER.writeValueAsString(params);
  }

  static Map<String, String> read(String json) {
    return json == null ? null : MAPPER.readValue(json, TYPE);
  }
}
