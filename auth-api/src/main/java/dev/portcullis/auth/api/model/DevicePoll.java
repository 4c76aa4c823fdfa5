package dev.portcullis.auth.api.model;

import java.time.Duration;
import java.util.Objects;

/** What a device's poll found (see {@code DeviceGrantStore.poll}); RFC 8628 section 3.5. */
public sealed interface DevicePoll {

  /** The first poll after the user approved: the caller issues tokens; the grant is consumed. */
  record Approved(DeviceGrant grant) implements DevicePoll {
    public Approved {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** The user has not decided yet: {@code authorization_pending}. */
  record Pending(Duration interval) implements DevicePoll {
    public Pending {
      Objects.requireNonNull(interval, "interval");
    }
  }

  /** The poll came too early: {@code slow_down}; the device waits {@code newInterval} from now. */
  record SlowDown(Duration newInterval) implements DevicePoll {
    public SlowDown {
      Objects.requireNonNull(newInterval, "newInterval");
    }
  }

  /** The user refused: {@code access_denied}. */
  record Denied() implements DevicePoll {}

  /** The grant expired: {@code expired_token}. */
  record Expired() implements DevicePoll {}

  /** An unknown or consumed device code: {@code invalid_grant}. */
  record Invalid() implements DevicePoll {}
}
