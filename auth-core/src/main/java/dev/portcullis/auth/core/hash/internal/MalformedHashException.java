package dev.portcullis.auth.core.hash.internal;

/**
 * A stored hash in a known scheme that cannot be used. The message is a fixed description of the
 * defect; {@link HashParser} adds the scheme prefix. It never holds any part of the hash.
 */
final class MalformedHashException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MalformedHashException(String defect) {
    super(defect);
  }
}
