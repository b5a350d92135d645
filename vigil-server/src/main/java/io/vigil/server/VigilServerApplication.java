package io.vigil.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Vigil server process: {@code java -jar vigil-server.jar}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VigilServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(VigilServerApplication.class, args);
  }
}
