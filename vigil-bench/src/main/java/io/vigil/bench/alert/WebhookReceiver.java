package io.vigil.bench.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A loopback HTTP server that notes when each webhook call arrived, for latency measurements. */
final class WebhookReceiver implements AutoCloseable {

  /** One call: its body and the {@link System#nanoTime()} at which its headers arrived. */
  record Call(String body, long arrivedNanos) {}

  private final HttpServer server;
  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

  WebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext(
        "/",
        exchange -> {
          long arrived = System.nanoTime();
          try (InputStream in = exchange.getRequestBody()) {
            calls.add(new Call(new String(in.readAllBytes(), StandardCharsets.UTF_8), arrived));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The next call whose body matches, skipping others; null after the timeout. */
  Call next(Predicate<String> body, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Call call = calls.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (call == null) {
        return null;
      }
      if (body.test(call.body())) {
        return call;
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
