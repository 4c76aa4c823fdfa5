package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A server-side browser interaction (an authorization request being logged in and consented, a
 * device code being confirmed). Only the SHA-256 of its id is stored: the id itself lives in the
 * browser's cookie. The CSRF token is stored as is, because the pages compare it with what a form
 * posts.
 *
 * @param idHash lower-case hex SHA-256 of the interaction id
 * @param kind what the interaction is for, for example {@code authorize} or {@code device}
 * @param csrfToken the token every POST of the interaction must carry
 * @param state the flow's own state, keys and values as text (at most 8192 characters together)
 * @param version 0 when created, one more at each {@code InteractionStore.update}
 * @param createdAt when it began
 * @param expiresAt when it stops working
 */
public record Interaction(
    String idHash,
    String kind,
    String csrfToken,
    Map<String, String> state,
    long version,
    Instant createdAt,
    Instant expiresAt) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** The most characters all keys and values of {@link #state} may hold together. */
  public static final int MAX_STATE_CHARS = 8192;

  public Interaction {
    Objects.requireNonNull(idHash, "idHash");
    if (!SHA256_HEX.matcher(idHash).matches()) {
      throw new IllegalArgumentException("idHash must be 64 lower-case hex digits (SHA-256)");
    }
    notBlank(kind, "kind");
    if (kind.length() > 32) {
      throw new IllegalArgumentException("kind must be at most 32 characters");
    }
    notBlank(csrfToken, "csrfToken");
    if (csrfToken.length() > 128) {
      throw new IllegalArgumentException("csrfToken must be at most 128 characters");
    }
    Objects.requireNonNull(state, "state");
    int chars = 0;
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : state.entrySet()) {
      notBlank(e.getKey(), "a state key");
      Objects.requireNonNull(e.getValue(), "a state value");
      chars += e.getKey().length() + e.getValue().length();
      copy.put(e.getKey(), e.getValue());
    }
    if (chars > MAX_STATE_CHARS) {
      throw new IllegalArgumentException(
          "state must hold at most " + MAX_STATE_CHARS + " characters");
    }
    state = java.util.Collections.unmodifiableMap(copy);
    if (version < 0) {
      throw new IllegalArgumentException("version must be at least 0");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
  }

  /** A state value, or null. */
  public String get(String key) {
    return state.get(key);
  }

  /** The next version of this interaction with {@code changes} merged into its state. */
  public Interaction next(Map<String, String> changes) {
    TreeMap<String, String> merged = new TreeMap<>(state);
    merged.putAll(changes);
    return new Interaction(idHash, kind, csrfToken, merged, version + 1, createdAt, expiresAt);
  }

  private static void notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** Without the CSRF token and the state, which may hold a nonce or a code challenge. */
  @Override
  public String toString() {
    return "Interaction[kind="
        + kind
        + ", version="
        + version
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
