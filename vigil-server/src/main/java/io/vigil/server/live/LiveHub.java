package io.vigil.server.live;

import io.vigil.server.auth.HostScope;
import io.vigil.server.ingest.IngestListener;
import io.vigil.server.ingest.StoredBatch;
import io.vigil.server.inventory.HostStateChanged;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans stored batches, check results and host state changes out to browsers over Server-Sent
 * Events. Each subscriber has its own bounded queue drained by its own virtual thread, so a slow
 * browser loses its own events (counted) and never slows ingest.
 */
@Component
public class LiveHub implements IngestListener, SmartLifecycle {

  static final int QUEUE_CAPACITY = 256;
  static final long HEARTBEAT_SECONDS = 15;

  /** An event waiting to be sent; a null host means every subscriber. */
  record LiveEvent(String name, String host, Object data) {}

  /** One open stream, limited to the hosts its user may see. */
  private record Subscriber(
      String host, HostScope scope, SseEmitter emitter, BlockingQueue<LiveEvent> queue) {
    boolean wants(String eventHost) {
      if (eventHost == null) {
        return true;
      }
      return scope.allows(eventHost) && (host == null || host.equals(eventHost));
    }
  }

  record PointsEvent(String host, java.util.List<io.vigil.model.Point> points) {}

  record HostEvent(String host, boolean online) {}

  record ChecksEvent(String host, java.util.List<io.vigil.model.CheckResult> results) {}

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  SseEmitter subscribe(String host, HostScope scope) {
    SseEmitter emitter = new SseEmitter(30L * 60 * 1000);
    Subscriber subscriber =
        new Subscriber(host, scope, emitter, new ArrayBlockingQueue<>(QUEUE_CAPACITY));
    subscribers.add(subscriber);
    Runnable remove = () -> subscribers.remove(subscriber);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    Thread.ofVirtual().name("sse-" + (host == null ? "all" : host)).start(() -> pump(subscriber));
    return emitter;
  }

  @Override
  public void onStored(StoredBatch batch) {
    if (!batch.points().isEmpty()) {
      publish(
          new LiveEvent(
              "points", batch.hostKey(), new PointsEvent(batch.hostKey(), batch.points())));
    }
    if (!batch.checks().isEmpty()) {
      publish(
          new LiveEvent(
              "checks", batch.hostKey(), new ChecksEvent(batch.hostKey(), batch.checks())));
    }
  }

  @EventListener
  void onHostState(HostStateChanged change) {
    publish(
        new LiveEvent("host", change.hostKey(), new HostEvent(change.hostKey(), change.online())));
  }

  /**
   * Sends a named event (e.g. {@code problem}) of {@code host} to the streams that follow that host
   * or every host; a null {@code host} sends it to every stream. {@code data} is written as JSON.
   */
  public void broadcast(String name, String host, Object data) {
    publish(new LiveEvent(name, host, data));
  }

  long droppedEvents() {
    return dropped.get();
  }

  int subscriberCount() {
    return subscribers.size();
  }

  private void publish(LiveEvent event) {
    for (Subscriber subscriber : subscribers) {
      if (subscriber.wants(event.host()) && !subscriber.queue().offer(event)) {
        dropped.incrementAndGet();
      }
    }
  }

  private void pump(Subscriber subscriber) {
    try {
      subscriber.emitter().send(SseEmitter.event().comment("connected"));
      while (!closed && subscribers.contains(subscriber)) {
        LiveEvent event = subscriber.queue().poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
          subscriber.emitter().send(SseEmitter.event().comment("keep-alive"));
        } else {
          subscriber.emitter().send(SseEmitter.event().name(event.name()).data(event.data()));
        }
      }
    } catch (IOException | IllegalStateException e) {
      subscribers.remove(subscriber);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    closed = false;
  }

  /** Ends open streams before the web server's graceful shutdown would wait for them. */
  @Override
  public void stop() {
    close();
  }

  @Override
  public boolean isRunning() {
    return !closed;
  }

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  @PreDestroy
  void close() {
    closed = true;
    for (Subscriber subscriber : subscribers) {
      try {
        subscriber.emitter().complete();
      } catch (IllegalStateException alreadyGone) {
        // the container already recycled this response; nothing left to close
      }
    }
    subscribers.clear();
  }
}
