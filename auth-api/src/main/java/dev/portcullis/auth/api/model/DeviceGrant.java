package dev.portcullis.auth.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stored OAuth device authorization grant (RFC 8628). Only the SHA-256 hashes of the device code
 * and of the user code are stored; the codes themselves exist only in the device authorization
 * response.
 *
 * @param deviceCodeHash lower-case hex SHA-256 of the device code
 * @param userCodeHash lower-case hex SHA-256 of the normalized user code
 * @param clientId the client that asked for it
 * @param scope the requested scope tokens (RFC 6749 section 3.3), possibly empty
 * @param createdAt when it was issued
 * @param expiresAt when it stops working
 * @param interval the minimum time between two polls, at least one second
 * @param lastPolledAt when the device last polled, or null before its first poll
 * @param status where the grant stands
 * @param userId the user who approved it, or null until approval
 * @param sessionId the session of that approval, or null until approval
 * @param authTime when that user last authenticated, or null until approval
 * @param credentialsVersion the user's {@link StoredUser#credentialsVersion()} at approval, or null
 *     until approval
 * @param amr how the approving user authenticated (RFC 8176 values such as {@code pwd}, {@code
 *     otp}), in order; empty until approval, {@code ["pwd"]} when an approval stored none (one made
 *     before stores kept it)
 * @param slowedDown whether the last poll was answered {@code slow_down}: the device was told the
 *     grown interval, and a further early poll does not grow it again (see {@link #poll})
 */
public record DeviceGrant(
    String deviceCodeHash,
    String userCodeHash,
    String clientId,
    Set<String> scope,
    Instant createdAt,
    Instant expiresAt,
    Duration interval,
    Instant lastPolledAt,
    Status status,
    String userId,
    String sessionId,
    Instant authTime,
    Long credentialsVersion,
    List<String> amr,
    boolean slowedDown) {

  /** Where a device grant stands. */
  public enum Status {
    /** Waiting for the user. */
    PENDING,
    /** The user approved it; the next poll gets the tokens. */
    APPROVED,
    /** The user refused it. */
    DENIED,
    /** A poll got the tokens; it is of no further use. */
    CONSUMED
  }

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
  private static final Pattern AMR_VALUE = Pattern.compile("[a-z0-9_]{1,32}");

  public DeviceGrant {
    sha256(deviceCodeHash, "deviceCodeHash");
    sha256(userCodeHash, "userCodeHash");
    notBlank(clientId, "clientId");
    scope = Set.copyOf(Objects.requireNonNull(scope, "scope"));
    for (String token : scope) {
      if (!SCOPE_TOKEN.matcher(token).matches()) {
        throw new IllegalArgumentException("scope tokens must be printable ASCII without space");
      }
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("interval must be at least one second");
    }
    Objects.requireNonNull(status, "status");
    boolean approved = status == Status.APPROVED || status == Status.CONSUMED;
    if (approved) {
      notBlank(userId, "userId");
      notBlank(sessionId, "sessionId");
      Objects.requireNonNull(authTime, "authTime");
      Objects.requireNonNull(credentialsVersion, "credentialsVersion");
      if (credentialsVersion < 0) {
        throw new IllegalArgumentException("credentialsVersion must be at least 0");
      }
      amr = amr == null || amr.isEmpty() ? List.of("pwd") : checkAmr(amr);
    } else if (userId != null
        || sessionId != null
        || authTime != null
        || credentialsVersion != null
        || (amr != null && !amr.isEmpty())) {
      throw new IllegalArgumentException(
          "userId, sessionId, authTime, credentialsVersion and amr are set only on approval");
    } else {
      amr = List.of();
    }
  }

  /** A new pending grant, not yet polled. */
  public static DeviceGrant pending(
      String deviceCodeHash,
      String userCodeHash,
      String clientId,
      Set<String> scope,
      Instant createdAt,
      Instant expiresAt,
      Duration interval) {
    return new DeviceGrant(
        deviceCodeHash,
        userCodeHash,
        clientId,
        scope,
        createdAt,
        expiresAt,
        interval,
        null,
        Status.PENDING,
        null,
        null,
        null,
        null,
        List.of(),
        false);
  }

  /** This grant approved by a user who authenticated with a password ({@code amr ["pwd"]}). */
  public DeviceGrant approved(
      String userId, String sessionId, Instant authTime, long credentialsVersion) {
    return approved(userId, sessionId, authTime, credentialsVersion, List.of("pwd"));
  }

  /** This grant approved by a user who authenticated with the methods {@code amr}. */
  public DeviceGrant approved(
      String userId,
      String sessionId,
      Instant authTime,
      long credentialsVersion,
      List<String> amr) {
    return new DeviceGrant(
        deviceCodeHash,
        userCodeHash,
        clientId,
        scope,
        createdAt,
        expiresAt,
        interval,
        lastPolledAt,
        Status.APPROVED,
        userId,
        sessionId,
        authTime,
        credentialsVersion,
        amr,
        slowedDown);
  }

  /** This grant with another status, keeping the approval fields. */
  public DeviceGrant withStatus(Status newStatus) {
    return new DeviceGrant(
        deviceCodeHash,
        userCodeHash,
        clientId,
        scope,
        createdAt,
        expiresAt,
        interval,
        lastPolledAt,
        newStatus,
        userId,
        sessionId,
        authTime,
        credentialsVersion,
        amr,
        slowedDown);
  }

  /**
   * This grant polled at {@code now} with the interval {@code newInterval}; {@code slowDown} says
   * whether that poll was answered {@code slow_down}.
   */
  public DeviceGrant polled(Instant now, Duration newInterval, boolean slowDown) {
    return new DeviceGrant(
        deviceCodeHash,
        userCodeHash,
        clientId,
        scope,
        createdAt,
        expiresAt,
        newInterval,
        Objects.requireNonNull(now, "now"),
        status,
        userId,
        sessionId,
        authTime,
        credentialsVersion,
        amr,
        slowDown);
  }

  private static void sha256(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!SHA256_HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " must be 64 lower-case hex digits (SHA-256)");
    }
  }

  private static void notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** The grant's fields without its hashes, which a log line must not carry. */
  @Override
  public String toString() {
    return "DeviceGrant[deviceCodeHash=<redacted>, userCodeHash=<redacted>, clientId="
        + clientId
        + ", scope="
        + scope
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + ", interval="
        + interval
        + ", lastPolledAt="
        + lastPolledAt
        + ", status="
        + status
        + ", userId="
        + userId
        + ", sessionId="
        + sessionId
        + ", authTime="
        + authTime
        + ", credentialsVersion="
        + credentialsVersion
        + ", amr="
        + amr
        + ", slowedDown="
        + slowedDown
        + "]";
  }

  /** How much a too-early poll lengthens the grant's interval (RFC 8628 section 3.5). */
  public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

  /**
   * What one poll answers, and this grant as the store must keep it afterwards.
   *
   * @param outcome the answer
   * @param next the grant to store in the same atomic step
   */
  public record Polled(DevicePoll outcome, DeviceGrant next) {}

  /**
   * Checks the authentication methods of an approval, so stores refuse them before any change.
   *
   * @return an unmodifiable copy
   * @throws IllegalArgumentException unless 1 to 8 values of {@code [a-z0-9_]{1,32}}
   */
  public static List<String> checkAmr(List<String> amr) {
    Objects.requireNonNull(amr, "amr");
    if (amr.isEmpty()
        || amr.size() > 8
        || !amr.stream().allMatch(m -> m != null && AMR_VALUE.matcher(m).matches())) {
      throw new IllegalArgumentException("amr must be 1 to 8 values of [a-z0-9_]{1,32}");
    }
    return List.copyOf(amr);
  }

  /**
   * Checks a poll's latency tolerance, so stores refuse it before any look-up.
   *
   * @throws IllegalArgumentException if it is negative
   */
  public static Duration checkTolerance(Duration tolerance) {
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
    return tolerance;
  }

  /**
   * One poll of this grant at {@code now} (RFC 8628 section 3.5), the rule every store applies in
   * one atomic step: invalid once consumed (unchanged); otherwise the poll is recorded and answers
   * expired, slow-down, pending, denied, or approved (the grant is then consumed).
   *
   * <p>A poll is too early when it comes before the last poll plus the interval the device was last
   * told ({@link #interval()}) minus {@code tolerance}; the first poll never is. A too-early poll
   * answers slow-down and grows the interval by {@link #SLOW_DOWN_STEP} for good, unless the poll
   * before it was answered slow-down too: the device was then already told the grown interval (RFC
   * 8628 has it add the 5 s on its side), so another early poll repeats that interval instead of
   * growing it again. Growing it on every early poll made a device whose own pace started below the
   * interval chase the server forever, both adding 5 s per slow-down; this way a device that waits
   * the interval it was told is never throttled again.
   *
   * @throws IllegalArgumentException if {@code tolerance} is negative
   */
  public Polled poll(Instant now, Duration tolerance) {
    Objects.requireNonNull(now, "now");
    checkTolerance(tolerance);
    if (status == Status.CONSUMED) {
      return new Polled(new DevicePoll.Invalid(), this);
    }
    if (!now.isBefore(expiresAt)) {
      return new Polled(new DevicePoll.Expired(), polled(now, interval, false));
    }
    if (lastPolledAt != null && now.isBefore(lastPolledAt.plus(interval).minus(tolerance))) {
      Duration told = slowedDown ? interval : interval.plus(SLOW_DOWN_STEP);
      return new Polled(new DevicePoll.SlowDown(told), polled(now, told, true));
    }
    DeviceGrant recorded = polled(now, interval, false);
    return switch (status) {
      case PENDING -> new Polled(new DevicePoll.Pending(interval), recorded);
      case DENIED -> new Polled(new DevicePoll.Denied(), recorded);
      case APPROVED -> {
        DeviceGrant consumed = recorded.withStatus(Status.CONSUMED);
        yield new Polled(new DevicePoll.Approved(consumed), consumed);
      }
      case CONSUMED -> throw new IllegalStateException("handled above");
    };
  }
}
