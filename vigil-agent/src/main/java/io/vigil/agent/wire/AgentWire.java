package io.vigil.agent.wire;

import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.Enrolment;
import io.vigil.model.IngestAck;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Inventory;
import io.vigil.model.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's JSON codec for the vigil-model wire records, producing exactly the JSON that {@code
 * WireCodec} (Jackson) reads and writes — tests check both directions against it.
 *
 * <p>Why not WireCodec itself: Jackson databind loads about 650 classes and builds serializers per
 * record, several megabytes of metaspace and heap in a process that must stay under 48 MB resident.
 * Objects are written straight into the gzip stream, with no intermediate tree.
 */
public final class AgentWire {

  private AgentWire() {}

  /**
   * The batch as gzip JSON. The text is built in memory and encoded and compressed in one call:
   * writing through an OutputStreamWriter cost a synchronized encoder step per token, about 2/3 of
   * this method's time in the interpreter the agent runs in.
   */
  public static byte[] batchGzip(Batch batch) {
    StringBuilder text = new StringBuilder(8192);
    try {
      writeBatch(new JsonWriter(new BuilderWriter(text)), batch);
      byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 4 + 64);
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 4096)) {
        gzip.write(json);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An unsynchronized Writer into a StringBuilder (StringWriter locks a StringBuffer). */
  private static final class BuilderWriter extends Writer {
    private final StringBuilder text;

    BuilderWriter(StringBuilder text) {
      this.text = text;
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void write(String s, int off, int len) {
      text.append(s, off, off + len);
    }

    @Override
    public void write(String s) {
      text.append(s);
    }

    @Override
    public void write(char[] buffer, int off, int len) {
      text.append(buffer, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  public static byte[] enrolmentRequest(Enrolment.Request request) {
    return json(
        w ->
            w.beginObject()
                .name("enrolmentToken")
                .value(request.enrolmentToken())
                .name("hostname")
                .value(request.hostname())
                .name("machineId")
                .value(request.machineId())
                .endObject());
  }

  public static byte[] config(AgentConfig config) {
    return json(
        w -> {
          w.beginObject().name("version").value(config.version()).name("items").beginObject();
          for (Map.Entry<String, AgentConfig.Item> e : config.items().entrySet()) {
            w.name(e.getKey())
                .beginObject()
                .name("intervalSeconds")
                .value(e.getValue().intervalSeconds())
                .name("enabled")
                .value(e.getValue().enabled())
                .name("kind")
                .value(e.getValue().kind())
                .name("params")
                .stringMap(e.getValue().params())
                .endObject();
          }
          w.endObject().endObject();
        });
  }

  public static IngestAck ack(byte[] json) {
    Map<String, Object> m = object(parse(json), "ack");
    // rotateToken is optional: absent from older servers, true when an admin asked for rotation.
    Object rotate = m.get("rotateToken");
    if (rotate != null && !(rotate instanceof Boolean)) {
      throw new InvalidInputException("rotateToken must be true or false");
    }
    return new IngestAck(longOf(m, "ackSequence"), longOf(m, "configVersion"), (Boolean) rotate);
  }

  /** The answer to {@code POST /api/v1/agent/rotate-token}: the new agent token. */
  public static String rotatedToken(byte[] json) {
    String token = stringOf(object(parse(json), "rotation answer"), "agentToken");
    if (token == null || token.isBlank()) {
      throw new InvalidInputException("rotation answer carries no agentToken");
    }
    return token;
  }

  public static Enrolment.Response enrolmentResponse(byte[] json) {
    Map<String, Object> m = object(parse(json), "enrolment answer");
    return new Enrolment.Response(
        stringOf(m, "agentId"), stringOf(m, "hostKey"), stringOf(m, "agentToken"));
  }

  public static AgentConfig config(byte[] json) {
    Map<String, Object> m = object(parse(json), "config");
    Map<String, AgentConfig.Item> items = new LinkedHashMap<>();
    Object raw = m.get("items");
    if (raw != null) {
      for (Map.Entry<String, Object> e : object(raw, "items").entrySet()) {
        Map<String, Object> item = object(e.getValue(), "item " + e.getKey());
        Object enabled = item.get("enabled");
        if (!(enabled instanceof Boolean)) {
          throw new InvalidInputException("item " + e.getKey() + ": enabled must be true or false");
        }
        long interval = longOf(item, "intervalSeconds");
        if (interval > Integer.MAX_VALUE || interval < Integer.MIN_VALUE) {
          throw new InvalidInputException("item " + e.getKey() + ": interval out of range");
        }
        items.put(
            e.getKey(),
            new AgentConfig.Item(
                (int) interval,
                (Boolean) enabled,
                stringOf(item, "kind"),
                params(item.get("params"), e.getKey())));
      }
    }
    return new AgentConfig(longOf(m, "version"), items);
  }

  /** An item's params: absent or null (a config from an older server) is none. */
  private static Map<String, String> params(Object raw, String item) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    for (Map.Entry<String, Object> p : object(raw, "params of item " + item).entrySet()) {
      if (!(p.getValue() instanceof String value)) {
        throw new InvalidInputException(
            "item " + item + ": parameter " + p.getKey() + " must be a string");
      }
      params.put(p.getKey(), value);
    }
    return params;
  }

  private static void writeBatch(JsonWriter w, Batch batch) throws IOException {
    w.beginObject()
        .name("sequence")
        .value(batch.sequence())
        .name("sentAt")
        .value(batch.sentAt())
        .name("inventory");
    if (batch.inventory() == null) {
      w.nullValue();
    } else {
      writeInventory(w, batch.inventory());
    }
    w.name("points").beginArray();
    for (Point p : batch.points()) {
      w.beginObject()
          .name("measurement")
          .value(p.measurement())
          .name("tags")
          .stringMap(p.tags())
          .name("fields")
          .numberMap(p.fields())
          .name("timestamp")
          .value(p.timestamp())
          .endObject();
    }
    w.endArray().name("checks").beginArray();
    for (CheckResult c : batch.checks()) {
      w.beginObject()
          .name("item")
          .value(c.item())
          .name("kind")
          .value(c.kind())
          .name("timestamp")
          .value(c.timestamp())
          .name("status")
          .value(c.status().name())
          .name("message")
          .value(c.message())
          .name("durationMs")
          .value(c.durationMs())
          .name("metrics")
          .numberMap(c.metrics())
          .name("details")
          .strings(c.details())
          .endObject();
    }
    w.endArray().endObject();
  }

  private static void writeInventory(JsonWriter w, Inventory inv) throws IOException {
    w.beginObject()
        .name("hostname")
        .value(inv.hostname())
        .name("os")
        .value(inv.os())
        .name("kernel")
        .value(inv.kernel())
        .name("architecture")
        .value(inv.architecture())
        .name("cpuModel")
        .value(inv.cpuModel())
        .name("cpuCores")
        .value(inv.cpuCores())
        .name("cpuThreads")
        .value(inv.cpuThreads())
        .name("memoryBytes")
        .value(inv.memoryBytes())
        .name("bootTime")
        .value(inv.bootTime())
        .name("agentVersion")
        .value(inv.agentVersion())
        .name("interfaces")
        .beginArray();
    for (Inventory.NetworkInterfaceInfo nif : inv.interfaces()) {
      w.beginObject()
          .name("name")
          .value(nif.name())
          .name("mac")
          .value(nif.mac())
          .name("ipv4")
          .strings(nif.ipv4())
          .name("ipv6")
          .strings(nif.ipv6())
          .name("speedBps")
          .value(nif.speedBps())
          .name("mtu")
          .value(nif.mtu())
          .endObject();
    }
    w.endArray().endObject();
  }

  private interface Body {
    void write(JsonWriter w) throws IOException;
  }

  private static byte[] json(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      body.write(new JsonWriter(w));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Object parse(byte[] json) {
    try {
      return JsonReader.parse(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new InvalidInputException(what + " must be a JSON object");
  }

  private static long longOf(Map<String, Object> m, String name) {
    if (m.get(name) instanceof Long n) {
      return n;
    }
    throw new InvalidInputException(name + " must be a whole number");
  }

  private static String stringOf(Map<String, Object> m, String name) {
    Object v = m.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new InvalidInputException(name + " must be a string");
  }
}
