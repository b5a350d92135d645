package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.ApiError;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;

class ApiExceptionHandlerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();

  @Test
  void aLockOrQueryTimeoutOfTheConfigDatabaseIsA503ToRetryNotAServerFault() {
    for (TransientDataAccessException busy :
        List.of(
            new QueryTimeoutException("Timeout trying to lock table", new SQLException("50200")),
            new CannotAcquireLockException("lock wait timeout"))) {
      ResponseEntity<ApiError> answer = handler.databaseBusy(busy);
      assertThat(answer.getStatusCode().value()).isEqualTo(503);
      assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
      assertThat(answer.getBody().error()).isEqualTo("unavailable");
      assertThat(answer.getBody().message()).doesNotContain("lock table");
    }
  }
}
