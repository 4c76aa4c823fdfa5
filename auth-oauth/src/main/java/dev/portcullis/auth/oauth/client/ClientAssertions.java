package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.jwt.SignedJwt;
import dev.portcullis.auth.oauth.client.TokenEndpointAuthenticator.Policy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a {@code private_key_jwt} client assertion of a known client (RFC 7523 sections 2.2 and
 * 3), in this order: the client's keys, the signature ({@link SignedJwt}, asymmetric keys only),
 * the claims ({@code iss} = {@code sub} = client id, {@code aud}, {@code exp}, {@code nbf}, {@code
 * iat}, {@code jti}), and last the single use of {@code jti} through the {@link SingleUseStore}, so
 * an assertion that fails any check consumes nothing. Refusals are {@code invalid_client}; a store
 * that cannot answer gives {@code service_unavailable}. Thread-safe.
 */
final class ClientAssertions {
  private static final Logger log = LoggerFactory.getLogger(ClientAssertions.class);

  /** The {@code SingleUseStore} namespace of a client's assertion ids: this and the client id. */
  static final String NAMESPACE = "client-assertion:";

  /** The namespace for client ids too long for {@link #NAMESPACE} (the store allows 64). */
  static final String HASHED_NAMESPACE = "client-assertion#";

  /** The longest assertion accepted, in characters. */
  static final int MAX_SIZE = 16 * 1024;

  private static final int MAX_NAMESPACE = 64;
  private static final int MAX_KEY = 255;
  private static final String HASHED_KEY = "sha256:";

  private final ClientKeys keys;
  private final SingleUseStore used;
  private final Policy policy;
  private final Clock clock;

  ClientAssertions(ClientKeys keys, SingleUseStore used, Policy policy, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.used = Objects.requireNonNull(used, "used");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks {@code assertion} for {@code client} (already known, enabled and registered for {@code
   * private_key_jwt}).
   */
  Result<OAuthClient> check(OAuthClient client, String assertion) {
    ClientKeys.Keys k = keys.of(client);
    if (k.source() == null) {
      log.debug("Client {}: private_key_jwt refused: {}", client.clientId(), k.problem());
      return refused(k.problem() + "; the operator must fix the client's registration.");
    }
    // Signers such as the JDK's and node's do not normalise ECDSA's s; an assertion's exact string
    // does not matter, because its jti, not its text, is what may be used once.
    Result<SignedJwt> verified = SignedJwt.verify(assertion, k.source(), MAX_SIZE, true);
    if (verified.failure().orElse(null) instanceof AuthError.ServiceUnavailable) {
      // RemoteJwks logs each failed fetch with its cause (at most once per refetch interval).
      log.warn(
          "Client {}: private_key_jwt refused, no keys could be fetched from its jwks_uri {}",
          client.clientId(),
          client.jwksUri());
      return refused(
          "The client's keys could not be fetched from its jwks_uri; the client must publish its"
              + " keys there, reachable by this server.");
    }
    if (verified.failure().isPresent()) {
      return refused("The client assertion was refused: " + verified.failure().get().message());
    }
    SignedJwt jwt = verified.toOptional().orElseThrow();
    if (jwt.algorithm().symmetric()) {
      return refused("The client assertion must be signed with an asymmetric key.");
    }
    return claims(client, jwt.claims());
  }

  private Result<OAuthClient> claims(OAuthClient client, Map<String, Object> c) {
    String id = client.clientId();
    Instant now = clock.instant();
    Duration leeway = policy.leeway();
    if (!id.equals(c.get("iss")) || !id.equals(c.get("sub"))) {
      return refused(
          "The client assertion's 'iss' and 'sub' must both be the client id (RFC 7523 section 3).");
    }
    Optional<String> audience = audienceProblem(c.get("aud"));
    if (audience.isPresent()) {
      return refused(audience.get());
    }
    Instant exp;
    Instant nbf;
    Instant iat;
    try {
      exp = numericDate(c, "exp");
      nbf = numericDate(c, "nbf");
      iat = numericDate(c, "iat");
    } catch (IllegalArgumentException e) {
      return refused(e.getMessage());
    }
    if (exp == null) {
      return refused("The client assertion has no 'exp'; RFC 7523 section 3 requires one.");
    }
    if (!now.isBefore(exp.plus(leeway))) {
      return refused("The client assertion expired at " + exp + "; mint a new one per request.");
    }
    Duration ahead = Duration.between(now, exp);
    if (ahead.compareTo(policy.assertionMaxLifetime().plus(leeway)) > 0) {
      return refused(
          "The client assertion expires in "
              + ahead.toSeconds()
              + " s; this server accepts at most "
              + policy.assertionMaxLifetime().toSeconds()
              + " s: mint a short-lived assertion per request.");
    }
    if (nbf != null && nbf.isAfter(now.plus(leeway))) {
      return refused("The client assertion is not valid before " + nbf + " ('nbf').");
    }
    if (iat != null && iat.isAfter(now.plus(leeway))) {
      return refused(
          "The client assertion was issued in the future (" + iat + "); check the client's clock.");
    }
    if (!(c.get("jti") instanceof String jti) || jti.isBlank()) {
      return refused(
          "The client assertion has no 'jti'; this server requires a unique one per assertion.");
    }
    boolean first;
    try {
      first = used.markUsed(namespace(id), key(jti), exp.plus(leeway));
    } catch (IllegalArgumentException e) {
      // The store's clock says the assertion is already past its expiry (plus leeway).
      return refused("The client assertion expired at " + exp + "; mint a new one per request.");
    }
    if (!first) {
      log.info("Client {}: a client assertion was presented again (replay refused)", id);
      return refused(
          "The client assertion was already used (its 'jti' was seen before): mint a new assertion"
              + " with a new 'jti' for every request.");
    }
    return Result.ok(client);
  }

  private Optional<String> audienceProblem(Object aud) {
    List<String> values;
    if (aud instanceof String s) {
      values = List.of(s);
    } else if (aud instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      values = l.stream().map(String.class::cast).toList();
    } else {
      values = List.of();
    }
    if (values.contains(policy.issuer())) {
      return Optional.empty();
    }
    if (values.contains(policy.tokenEndpoint())) {
      if (policy.acceptTokenEndpointAudience()) {
        return Optional.empty();
      }
      return Optional.of(
          "The client assertion's 'aud' is the token endpoint URL; this server requires its"
              + " issuer identifier "
              + policy.issuer()
              + " (RFC 7523 section 3).");
    }
    return Optional.of(
        "The client assertion's 'aud' must be this server's issuer identifier "
            + policy.issuer()
            + " (RFC 7523 section 3).");
  }

  /**
   * The NumericDate claim {@code name} (whole seconds, fractions cut), or null when absent.
   *
   * @throws IllegalArgumentException naming the claim when it is not a non-negative number
   */
  private static Instant numericDate(Map<String, Object> c, String name) {
    Object v = c.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          "The client assertion's '" + name + "' is not a NumericDate (seconds since 1970).");
    }
    BigDecimal seconds = new BigDecimal(n.toString()).setScale(0, RoundingMode.FLOOR);
    if (seconds.signum() < 0) {
      throw new IllegalArgumentException(
          "The client assertion's '" + name + "' is a negative NumericDate.");
    }
    return Instant.ofEpochSecond(seconds.min(LATEST).longValueExact());
  }

  /** 9999-12-31T23:59:59Z: later dates are as good as this one for every check here. */
  private static final BigDecimal LATEST = BigDecimal.valueOf(253402300799L);

  /** The store namespace of {@code clientId}'s assertion ids. */
  static String namespace(String clientId) {
    String plain = NAMESPACE + clientId;
    return plain.length() <= MAX_NAMESPACE ? plain : HASHED_NAMESPACE + sha256(clientId);
  }

  /**
   * The store key of {@code jti}: itself, or its hash when too long (or when it looks like a hash,
   * so a literal value never meets a hashed one).
   */
  static String key(String jti) {
    return jti.length() <= MAX_KEY && !jti.startsWith(HASHED_KEY) ? jti : HASHED_KEY + sha256(jti);
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static <T> Result<T> refused(String message) {
    return Result.err(new AuthError.Plain(ErrorKind.INVALID_CLIENT, message));
  }
}
