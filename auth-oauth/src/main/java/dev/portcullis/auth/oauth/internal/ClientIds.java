package dev.portcullis.auth.oauth.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule that keeps client ids apart from user ids. A client-credentials access token carries
 * {@code sub} = the client id (RFC 9068 section 2.2), and a user's token carries {@code sub} = the
 * user id, which the account services generate as a random UUID ({@code NewUser}). A client whose
 * id had the shape of a UUID could be taken for a user by a resource server that reads only {@code
 * sub}, so such ids are refused at registration (settings, {@code ClientAdmin}).
 */
public final class ClientIds {

  private static final Pattern UUID_SHAPE =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ClientIds() {}

  /** What is wrong with {@code clientId} beyond {@code OAuthClient}'s own checks, if anything. */
  public static Optional<String> problem(String clientId) {
    if (clientId != null && UUID_SHAPE.matcher(clientId.strip()).matches()) {
      return Optional.of(
          "has the shape of a user id (a UUID); a client-credentials token's sub is the client id,"
              + " so a resource server could take this client for a user");
    }
    return Optional.empty();
  }

  /** The fix for {@link #problem}. */
  public static String fix() {
    return "choose a descriptive client id such as \"billing-service\"";
  }
}
