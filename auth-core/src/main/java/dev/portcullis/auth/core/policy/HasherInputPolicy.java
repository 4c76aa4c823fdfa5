package dev.portcullis.auth.core.policy;

import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.PasswordViolation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Another policy, plus what the password hasher cannot take: a password with no UTF-8 form (an
 * unpaired surrogate) and, for bcrypt, more than 72 UTF-8 bytes. Refusing these here makes them a
 * {@code password_policy} answer at registration, change and reset instead of a failure inside
 * {@code hash()}. Immutable and thread-safe.
 */
final class HasherInputPolicy implements PasswordPolicy {
  private final PasswordPolicy policy;
  private final OptionalInt maxBytes;

  HasherInputPolicy(PasswordPolicy policy, OptionalInt maxBytes) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.maxBytes = Objects.requireNonNull(maxBytes, "maxBytes");
  }

  @Override
  public List<PasswordViolation> check(String password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    List<PasswordViolation> out = new ArrayList<>(policy.check(password, context));
    int bytes = utf8Length(password);
    if (bytes < 0) {
      out.add(
          new PasswordViolation(
              "invalid_characters",
              "The password contains a character that is not valid text (an unpaired surrogate);"
                  + " type it again or choose another."));
    } else if (maxBytes.isPresent() && bytes > maxBytes.getAsInt()) {
      out.add(
          new PasswordViolation(
              "too_long_for_hasher",
              "Use at most "
                  + maxBytes.getAsInt()
                  + " bytes: the password hashing in use (bcrypt) reads no more. Letters outside"
                  + " ASCII take 2 to 4 bytes each."));
    }
    return List.copyOf(out);
  }

  /** UTF-8 length, or -1 if the text has an unpaired surrogate; the buffer is wiped. */
  private static int utf8Length(String password) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(password));
      int length = encoded.remaining();
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      return length;
    } catch (CharacterCodingException e) {
      return -1;
    }
  }
}
