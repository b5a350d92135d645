package io.vigil.agent.wire;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Streams JSON text: just the value kinds the agent's wire records use. */
final class JsonWriter {

  private final Writer out;
  private boolean needComma;

  JsonWriter(Writer out) {
    this.out = out;
  }

  JsonWriter beginObject() throws IOException {
    separate();
    out.write('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() throws IOException {
    out.write('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() throws IOException {
    separate();
    out.write('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() throws IOException {
    out.write(']');
    needComma = true;
    return this;
  }

  JsonWriter name(String name) throws IOException {
    separate();
    string(name);
    out.write(':');
    needComma = false;
    return this;
  }

  JsonWriter value(String value) throws IOException {
    separate();
    if (value == null) {
      out.write("null");
    } else {
      string(value);
    }
    needComma = true;
    return this;
  }

  JsonWriter value(long value) throws IOException {
    separate();
    out.write(Long.toString(value));
    needComma = true;
    return this;
  }

  JsonWriter value(boolean value) throws IOException {
    separate();
    out.write(value ? "true" : "false");
    needComma = true;
    return this;
  }

  /** Finite doubles only (the records validate that); whole numbers are written without ".0". */
  JsonWriter value(double value) throws IOException {
    separate();
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.write(Long.toString((long) value));
    } else {
      out.write(Double.toString(value));
    }
    needComma = true;
    return this;
  }

  JsonWriter nullValue() throws IOException {
    separate();
    out.write("null");
    needComma = true;
    return this;
  }

  JsonWriter stringMap(Map<String, String> map) throws IOException {
    beginObject();
    for (Map.Entry<String, String> e : map.entrySet()) {
      name(e.getKey()).value(e.getValue());
    }
    return endObject();
  }

  JsonWriter numberMap(Map<String, Double> map) throws IOException {
    beginObject();
    for (Map.Entry<String, Double> e : map.entrySet()) {
      name(e.getKey()).value(e.getValue().doubleValue());
    }
    return endObject();
  }

  JsonWriter strings(List<String> values) throws IOException {
    beginArray();
    for (String v : values) {
      value(v);
    }
    return endArray();
  }

  private void separate() throws IOException {
    if (needComma) {
      out.write(',');
    }
  }

  private void string(String s) throws IOException {
    out.write('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || c == 0x2028 || c == 0x2029) {
        out.write(s, start, i - start);
        switch (c) {
          case '"' -> out.write("\\\"");
          case '\\' -> out.write("\\\\");
          case '\n' -> out.write("\\n");
          case '\r' -> out.write("\\r");
          case '\t' -> out.write("\\t");
          default -> out.write(String.format("\\u%04x", (int) c));
        }
        start = i + 1;
      }
    }
    out.write(s, start, s.length() - start);
    out.write('"');
  }
}
