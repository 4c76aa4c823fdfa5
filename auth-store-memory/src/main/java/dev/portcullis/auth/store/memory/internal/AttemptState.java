package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The immutable failure accounting of one key. Every change makes a new state inside one atomic
 * compute, so the small arrays are never shared mutably.
 *
 * @param failures failures counted in the current window
 * @param windowEnd when the current window ends, or null when no failure is counted
 * @param lockedUntil when the current lock ends, or null
 * @param locks consecutive locks so far (for progressive lockout), 0 when none is remembered
 * @param lastLockEnd when the last lock ended or ends, or null
 * @param pendingIds ids of reservations in flight
 * @param pendingUntil when each reservation in flight expires, parallel to {@code pendingIds}
 */
record AttemptState(
    int failures,
    Instant windowEnd,
    Instant lockedUntil,
    int locks,
    Instant lastLockEnd,
    String[] pendingIds,
    Instant[] pendingUntil) {

  private static final String[] NO_IDS = {};
  private static final Instant[] NO_INSTANTS = {};

  static final AttemptState EMPTY = new AttemptState(0, null, null, 0, null, NO_IDS, NO_INSTANTS);

  /**
   * This state as it stands at {@code now}: ended locks, windows, reservations and lockout memory
   * are forgotten.
   */
  AttemptState at(Instant now, LockoutPolicy policy) {
    int f = failures;
    Instant we = windowEnd;
    Instant lu = lockedUntil;
    int n = locks;
    Instant lle = lastLockEnd;
    if (lu != null && !now.isBefore(lu)) {
      lu = null;
      f = 0;
      we = null;
    }
    if (lu == null && we != null && !now.isBefore(we)) {
      f = 0;
      we = null;
    }
    if (lu == null && lle != null && !now.isBefore(lle.plus(memory(policy)))) {
      n = 0;
      lle = null;
    }
    int live = 0;
    for (Instant until : pendingUntil) {
      if (now.isBefore(until)) {
        live++;
      }
    }
    String[] ids = pendingIds;
    Instant[] untils = pendingUntil;
    if (live < pendingIds.length) {
      ids = new String[live];
      untils = new Instant[live];
      for (int i = 0, j = 0; i < pendingIds.length; i++) {
        if (now.isBefore(pendingUntil[i])) {
          ids[j] = pendingIds[i];
          untils[j++] = pendingUntil[i];
        }
      }
    }
    return new AttemptState(f, we, lu, n, lle, ids, untils);
  }

  /** How long consecutive lockouts are remembered: only progressive locks need the history. */
  private static Duration memory(LockoutPolicy policy) {
    return policy.progressive() ? policy.lockoutMemory() : Duration.ZERO;
  }

  /** Until when this state matters, or null if it is empty (and its entry can go). */
  Instant relevantUntil(LockoutPolicy policy) {
    Instant until = latest(windowEnd, lockedUntil);
    if (lastLockEnd != null && locks > 0 && policy.progressive()) {
      until = latest(until, lastLockEnd.plus(policy.lockoutMemory()));
    }
    for (Instant pending : pendingUntil) {
      until = latest(until, pending);
    }
    return until;
  }

  /** This state, or null if nothing in it matters any longer at {@code now}. */
  AttemptState orNull(Instant now, LockoutPolicy policy) {
    Instant until = relevantUntil(policy);
    return until == null || !now.isBefore(until) ? null : this;
  }

  boolean locked() {
    return lockedUntil != null;
  }

  int pending() {
    return pendingIds.length;
  }

  /** When the soonest reservation in flight expires, or null. */
  Instant soonestPendingEnd() {
    Instant soonest = null;
    for (Instant until : pendingUntil) {
      soonest = soonest == null || until.isBefore(soonest) ? until : soonest;
    }
    return soonest;
  }

  LockStatus status(String key) {
    return new LockStatus(key, failures, lockedUntil);
  }

  AttemptState withPending(String id, Instant until) {
    String[] ids = Arrays.copyOf(pendingIds, pendingIds.length + 1);
    Instant[] untils = Arrays.copyOf(pendingUntil, pendingUntil.length + 1);
    ids[pendingIds.length] = id;
    untils[pendingUntil.length] = until;
    return new AttemptState(failures, windowEnd, lockedUntil, locks, lastLockEnd, ids, untils);
  }

  AttemptState withoutPending(String id) {
    for (int i = 0; i < pendingIds.length; i++) {
      if (pendingIds[i].equals(id)) {
        String[] ids = new String[pendingIds.length - 1];
        Instant[] untils = new Instant[pendingUntil.length - 1];
        System.arraycopy(pendingIds, 0, ids, 0, i);
        System.arraycopy(pendingIds, i + 1, ids, i, ids.length - i);
        System.arraycopy(pendingUntil, 0, untils, 0, i);
        System.arraycopy(pendingUntil, i + 1, untils, i, untils.length - i);
        return new AttemptState(failures, windowEnd, lockedUntil, locks, lastLockEnd, ids, untils);
      }
    }
    return this;
  }

  /**
   * One more failure at {@code now}; the failure that reaches {@code maxAttempts} locks the key for
   * the duration of the next consecutive lock.
   */
  AttemptState withFailure(Instant now, LockoutPolicy policy) {
    if (locked()) {
      // A check reserved before the lock and finished after it: the lock already covers it.
      return this;
    }
    int f = failures + 1;
    Instant we = windowEnd != null ? windowEnd : now.plus(policy.window());
    if (f < policy.maxAttempts()) {
      return new AttemptState(f, we, null, locks, lastLockEnd, pendingIds, pendingUntil);
    }
    int n = locks + 1;
    Instant until = now.plus(policy.lockDuration(n));
    return new AttemptState(f, we, until, n, until, pendingIds, pendingUntil);
  }

  /** A successful check: failures and lockout history go; a lock set meanwhile stays. */
  AttemptState withSuccess() {
    return new AttemptState(0, null, lockedUntil, 0, lockedUntil, pendingIds, pendingUntil);
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
