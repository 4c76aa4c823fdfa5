package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The decision of one device poll (RFC 8628 section 3.5), applied atomically by the store. */
final class DevicePolls {

  /** What a poll answers and the grant as it is stored afterwards. */
  record Step(DevicePoll outcome, DeviceGrant next) {}

  private DevicePolls() {}

  static void checkTolerance(Duration tolerance) {
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
  }

  /**
   * One poll of {@code grant} at {@code now}: invalid once consumed (unchanged); otherwise the poll
   * is recorded and answers expired, slow-down (interval grown), pending, denied or approved
   * (consumed).
   */
  static Step step(DeviceGrant grant, Instant now, Duration tolerance) {
    if (grant.status() == DeviceGrant.Status.CONSUMED) {
      return new Step(new DevicePoll.Invalid(), grant);
    }
    if (!now.isBefore(grant.expiresAt())) {
      return new Step(new DevicePoll.Expired(), grant.polled(now, grant.interval()));
    }
    Instant last = grant.lastPolledAt();
    if (last != null && now.isBefore(last.plus(grant.interval()).minus(tolerance))) {
      Duration slower = grant.interval().plus(DeviceGrantStore.SLOW_DOWN_STEP);
      return new Step(new DevicePoll.SlowDown(slower), grant.polled(now, slower));
    }
    DeviceGrant polled = grant.polled(now, grant.interval());
    return switch (grant.status()) {
      case PENDING -> new Step(new DevicePoll.Pending(grant.interval()), polled);
      case DENIED -> new Step(new DevicePoll.Denied(), polled);
      case APPROVED -> {
        DeviceGrant consumed = polled.withStatus(DeviceGrant.Status.CONSUMED);
        yield new Step(new DevicePoll.Approved(consumed), consumed);
      }
      case CONSUMED -> throw new IllegalStateException("unreachable");
    };
  }
}
