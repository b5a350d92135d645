package io.vigil.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/** Real in-process peers of the notification channels: SMTP, SMPP and HTTP receivers. */
final class NotifyTestPeers {

  private NotifyTestPeers() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A problem of rule "Disk full" on {@code host}, opened now. */
  static Problem problem(long id, String host, Severity severity, Problem.Status status) {
    return new Problem(
        id,
        1,
        "Disk full",
        host,
        Map.of("mount", "/"),
        severity,
        status,
        System.currentTimeMillis(),
        status.active() ? null : System.currentTimeMillis(),
        "used 97 % > 95 %",
        97,
        null,
        null,
        null);
  }

  /**
   * Publishes a problem change as the problem service does (the publisher itself is not a bean, the
   * context's multicaster is).
   */
  static void publish(VigilServer server, ProblemChanged.Change change, Problem problem) {
    server
        .bean(ApplicationEventMulticaster.class)
        .multicastEvent(new PayloadApplicationEvent<>(server, new ProblemChanged(change, problem)));
  }

  /** One received e-mail. */
  record Mail(String to, String subject, String body) {}

  /** GreenMail SMTP on a fixed port that can be stopped and started again. */
  static final class MailSink implements AutoCloseable {
    final int port = freePort();
    private final List<Mail> archive = new CopyOnWriteArrayList<>();
    private GreenMail mail;

    synchronized MailSink start() {
      mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      return this;
    }

    synchronized void stop() {
      archive.addAll(current());
      mail.stop();
      mail = null;
    }

    synchronized List<Mail> received() {
      List<Mail> all = new ArrayList<>(archive);
      all.addAll(current());
      return all;
    }

    private List<Mail> current() {
      List<Mail> list = new ArrayList<>();
      if (mail == null) {
        return list;
      }
      try {
        for (MimeMessage m : mail.getReceivedMessages()) {
          list.add(
              new Mail(
                  m.getAllRecipients()[0].toString(),
                  m.getSubject(),
                  m.getContent().toString().replace("\r\n", "\n")));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return list;
    }

    @Override
    public synchronized void close() {
      if (mail != null) {
        mail.stop();
      }
    }
  }

  /** One received SMS. */
  record Sms(String to, String text) {}

  /** An SMSC: accepts transmitter binds and records every submit_sm. */
  static final class SmsSink implements ServerMessageReceiverListener, AutoCloseable {
    final int port = freePort();
    final List<Sms> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final SMPPServerSessionListener listener;
    private volatile boolean closed;

    SmsSink() {
      try {
        listener = new SMPPServerSessionListener(port);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      listener.setMessageReceiverListener(this);
      Thread.ofVirtual().name("smsc-accept").start(this::acceptLoop);
    }

    private void acceptLoop() {
      while (!closed) {
        try {
          SMPPServerSession session = listener.accept();
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      BindRequest bind = session.waitForBind(5000);
                      bind.accept("smsc");
                    } catch (Exception e) {
                      session.close();
                    }
                  });
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession session)
        throws ProcessRequestException {
      byte[] bytes = sm.getShortMessage();
      if (bytes == null || bytes.length == 0) {
        OptionalParameter.OctetString payload =
            sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)
                    instanceof OptionalParameter.OctetString octets
                ? octets
                : null;
        bytes = payload == null ? new byte[0] : payload.getValue();
      }
      boolean ucs2 = (sm.getDataCoding() & 0x0c) == 0x08;
      String text =
          new String(bytes, ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
      received.add(new Sms(sm.getDestAddress(), text));
      try {
        return new SubmitSmResult(
            new MessageId(Integer.toString(ids.incrementAndGet())), new OptionalParameter[0]);
      } catch (Exception e) {
        throw new ProcessRequestException("bad id", 8);
      }
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 3);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      listener.close();
    }
  }

  /** One received HTTP request. */
  record Request(String method, String uri, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * An HTTP receiver on a fixed port that can be stopped and started again; answers each request
   * with the next status of {@code statuses} and then 200.
   */
  static final class HttpSink implements AutoCloseable {
    final int port = freePort();
    final List<Request> received = new CopyOnWriteArrayList<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private HttpServer server;

    synchronized HttpSink start() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
              body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = statuses.isEmpty() ? 200 : statuses.remove(0);
            if (status / 100 == 2) {
              received.add(
                  new Request(
                      exchange.getRequestMethod(),
                      exchange.getRequestURI().toString(),
                      Map.copyOf(exchange.getRequestHeaders()),
                      body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
      return this;
    }

    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    synchronized void stop() {
      server.stop(0);
      server = null;
    }

    @Override
    public synchronized void close() {
      if (server != null) {
        server.stop(0);
      }
    }
  }
}
