package io.vigil.server.notify;

import org.springframework.stereotype.Component;

/** SMS through SMPP or an HTTP gateway ({@code vigil.notify.sms.via}); the text is the subject. */
@Component
class SmsChannel implements Channel {

  /** One SMS transport. */
  interface Transport {
    void send(String phone, String text) throws Exception;

    String notConfigured();
  }

  private final Transport transport;

  SmsChannel(NotifyProperties properties) {
    this.transport =
        properties.sms().via().equals("http")
            ? new HttpSmsTransport(properties.smsHttp())
            : new SmppTransport(properties.smpp());
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public String notConfigured() {
    return transport.notConfigured();
  }

  @Override
  public void send(Recipient recipient, Message message, long deliveryId) throws Exception {
    transport.send(recipient.phone(), message.subject());
  }
}
