package dev.portcullis.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ClientErrorTest {
  private static final List<ClientError> ONE_OF_EACH =
      List.of(
          new ClientError.AccessTokenNotFound("r"),
          new ClientError.AuthenticationPending(Duration.ofSeconds(5)),
          new ClientError.AccessDenied(),
          new ClientError.ExpiredToken(),
          new ClientError.Retriable("c", Optional.empty()),
          new ClientError.ServerRejected("invalid_scope", "d", 400),
          new ClientError.MetadataRejected("r"),
          new ClientError.InvalidResponse("r"),
          new ClientError.LoginTimedOut());

  @Test
  void everyKind_hasItsOwnSnakeCaseCode_andAMessageWithAFix() {
    assertThat(ClientError.class.getPermittedSubclasses()).hasSameSizeAs(ONE_OF_EACH);
    assertThat(ONE_OF_EACH.stream().map(ClientError::code).distinct()).hasSameSizeAs(ONE_OF_EACH);
    for (ClientError error : ONE_OF_EACH) {
      assertThat(error.code()).matches("[a-z]+(_[a-z]+)*");
      assertThat(error.message()).endsWith(".");
    }
  }

  @Test
  void onlyRetriable_isRetriable() {
    assertThat(ONE_OF_EACH.stream().filter(ClientError::retriable))
        .containsExactly(new ClientError.Retriable("c", Optional.empty()));
  }

  @Test
  void orElseThrow_throwsAClientExceptionCarryingTheError() {
    ClientError error = new ClientError.ExpiredToken();

    assertThatThrownBy(() -> ClientResult.failure(error).orElseThrow())
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(error))
        .hasMessageStartingWith("expired_token: ");
    assertThatThrownBy(() -> ClientResult.failure(error).value())
        .isInstanceOf(IllegalStateException.class);
    assertThat(ClientResult.success("x").map(String::length).value()).isEqualTo(1);
  }
}
