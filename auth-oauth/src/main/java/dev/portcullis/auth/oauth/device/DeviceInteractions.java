package dev.portcullis.auth.oauth.device;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verification page's interactions, by id. In memory for now: one instance only (the shared
 * interaction store of the authorization flow replaces it). Bounded: when full, expired entries are
 * dropped first and then a new interaction is refused (the page asks to try again later).
 * Thread-safe.
 */
final class DeviceInteractions {

  /** Where an interaction stands. */
  enum Stage {
    ENTER_CODE,
    LOGIN,
    MFA,
    CONFIRM
  }

  /**
   * One interaction. {@code userCode} (normalised) is set from {@link Stage#LOGIN} on; {@code
   * userId}, {@code credentialsVersion} and {@code authTime} in {@link Stage#MFA} and {@link
   * Stage#CONFIRM}; {@code mfaFailures} (wrong codes so far) and {@code mfaExpiresAt} (when the
   * code is too late) in {@link Stage#MFA}, {@code amr} in {@link Stage#CONFIRM}.
   */
  record Interaction(
      String id,
      String csrfToken,
      Instant expiresAt,
      Stage stage,
      String userCode,
      String userId,
      long credentialsVersion,
      Instant authTime,
      int mfaFailures,
      Instant mfaExpiresAt) {
    Interaction {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(csrfToken, "csrfToken");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(stage, "stage");
    }

    Interaction enteredCode(String code) {
      return new Interaction(id, csrfToken, expiresAt, Stage.LOGIN, code, null, 0, null, 0, null);
    }

    @Override
    public String toString() {
      return "Interaction[stage=" + stage + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
  }

  private final Map<String, Interaction> byId = new ConcurrentHashMap<>();
  private final int capacity;

  DeviceInteractions(int capacity) {
    this.capacity = capacity;
  }

  /** Stores {@code interaction}; false if the store is full of live interactions. */
  boolean put(Interaction interaction, Instant now) {
    if (byId.size() >= capacity) {
      byId.values().removeIf(i -> !now.isBefore(i.expiresAt()));
      if (byId.size() >= capacity) {
        return false;
      }
    }
    byId.put(interaction.id(), interaction);
    return true;
  }

  /** The live interaction {@code id}. */
  Optional<Interaction> find(String id, Instant now) {
    if (id == null) {
      return Optional.empty();
    }
    Interaction found = byId.get(id);
    if (found == null || !now.isBefore(found.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  /** Replaces {@code expected} by {@code next} if it is still stored as it was. */
  boolean replace(Interaction expected, Interaction next) {
    return byId.replace(expected.id(), expected, next);
  }

  /** Forgets {@code interaction} if it is still stored as it was. */
  boolean remove(Interaction interaction) {
    return byId.remove(interaction.id(), interaction);
  }
}
