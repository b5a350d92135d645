package io.vigil.server.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Sends each schedule once per period, for the previous complete period in the schedule's time
 * zone, checking every {@code vigil.reports.scheduler-interval}. A period is claimed in the
 * database before it is sent, so restarts never send it twice.
 */
@Component
class ReportScheduler implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);

  private final ReportScheduleRepository schedules;
  private final ReportSender sender;
  private final ReportsProperties properties;
  private final Clock clock;
  private ScheduledExecutorService executor;

  ReportScheduler(
      ReportScheduleRepository schedules, ReportSender sender, ReportsProperties properties) {
    this.schedules = schedules;
    this.sender = sender;
    this.properties = properties;
    this.clock = Clock.systemUTC();
  }

  /** The start of the period a schedule should have sent by {@code now}. */
  static ReportPeriod currentPeriod(ReportSchedule schedule, Instant now) {
    return ReportPeriod.lastComplete(schedule.periodKind(), ZoneId.of(schedule.timeZone()), now);
  }

  /** The schedules whose last complete period has not been sent yet at {@code clock}'s now. */
  static List<ReportSchedule> due(List<ReportSchedule> all, Clock clock) {
    Instant now = clock.instant();
    List<ReportSchedule> due = new ArrayList<>();
    for (ReportSchedule s : all) {
      long start = currentPeriod(s, now).from().toEpochMilli();
      if (s.lastPeriodStart() == null || s.lastPeriodStart() < start) {
        due.add(s);
      }
    }
    return due;
  }

  /** One pass: claims and sends every due schedule. */
  int runDue(Clock at) {
    int sent = 0;
    Instant now = at.instant();
    for (ReportSchedule s : due(schedules.list(), at)) {
      ReportPeriod period = currentPeriod(s, now);
      if (schedules.claim(s.id(), period.from().toEpochMilli())) {
        sender.send(s, period, now);
        sent++;
      }
    }
    return sent;
  }

  @Override
  public void afterPropertiesSet() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "report-scheduler");
              t.setDaemon(true);
              return t;
            });
    long every = properties.schedulerInterval().toMillis();
    executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      runDue(clock);
    } catch (RuntimeException e) {
      log.warn("Report scheduler pass failed: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
