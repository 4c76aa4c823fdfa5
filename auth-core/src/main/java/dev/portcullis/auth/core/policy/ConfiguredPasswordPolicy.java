package dev.portcullis.auth.core.policy;

import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.PasswordViolation;
import dev.portcullis.auth.core.settings.PasswordPolicySettings;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A password policy built from {@link PasswordPolicySettings}. Immutable and thread-safe. */
final class ConfiguredPasswordPolicy implements PasswordPolicy {

  /** Context words shorter than this are too common to refuse (an "Al" in a passphrase). */
  private static final int MIN_CONTEXT_WORD = 3;

  private final PasswordPolicySettings settings;
  private final Set<String> common;
  private final List<Pattern> banned;

  ConfiguredPasswordPolicy(PasswordPolicySettings settings, Set<String> common) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.common = Objects.requireNonNull(common, "common");
    this.banned =
        settings.bannedPatterns().stream()
            .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();
  }

  @Override
  public List<PasswordViolation> check(String password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    PasswordContext ctx = context == null ? PasswordContext.none() : context;
    List<PasswordViolation> out = new ArrayList<>();
    int length = password.codePointCount(0, password.length());
    if (length < settings.minLength()) {
      out.add(
          new PasswordViolation(
              "too_short", "Use at least " + settings.minLength() + " characters."));
    }
    if (length > settings.maxLength()) {
      out.add(
          new PasswordViolation(
              "too_long", "Use at most " + settings.maxLength() + " characters."));
    }
    if (settings.requireUppercase() && password.codePoints().noneMatch(Character::isUpperCase)) {
      out.add(new PasswordViolation("missing_uppercase", "Include an upper-case letter."));
    }
    if (settings.requireLowercase() && password.codePoints().noneMatch(Character::isLowerCase)) {
      out.add(new PasswordViolation("missing_lowercase", "Include a lower-case letter."));
    }
    if (settings.requireDigits() && password.codePoints().noneMatch(Character::isDigit)) {
      out.add(new PasswordViolation("missing_digit", "Include a digit."));
    }
    if (settings.requireSpecial()
        && password.codePoints().allMatch(c -> Character.isLetterOrDigit(c))) {
      out.add(
          new PasswordViolation(
              "missing_special", "Include a character that is not a letter or digit."));
    }
    for (Pattern p : banned) {
      if (p.matcher(password).find()) {
        out.add(
            new PasswordViolation(
                "banned_pattern", "The password contains a pattern this service does not allow."));
        break;
      }
    }
    String folded = fold(password);
    if (settings.rejectCommon() && common.contains(folded)) {
      out.add(
          new PasswordViolation(
              "common_password",
              "This is one of the most common passwords, which attackers try first; choose"
                  + " another."));
    }
    if (settings.rejectContext() && containsContext(folded, ctx)) {
      out.add(
          new PasswordViolation(
              "contains_personal_info",
              "The password must not contain your identifier, your e-mail name or your name."));
    }
    return List.copyOf(out);
  }

  private static boolean containsContext(String folded, PasswordContext ctx) {
    List<String> words = new ArrayList<>();
    addWord(words, ctx.identifier());
    if (ctx.identifier() != null && ctx.identifier().indexOf('@') > 0) {
      addWord(words, ctx.identifier().substring(0, ctx.identifier().indexOf('@')));
    }
    if (ctx.email() != null) {
      int at = ctx.email().indexOf('@');
      addWord(words, at > 0 ? ctx.email().substring(0, at) : ctx.email());
    }
    if (ctx.name() != null) {
      addWord(words, ctx.name());
      for (String part : ctx.name().split("[\\s\\p{Punct}]+")) {
        addWord(words, part);
      }
    }
    for (String w : words) {
      if (folded.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static void addWord(List<String> words, String raw) {
    if (raw == null) {
      return;
    }
    String w = fold(raw.strip());
    if (w.codePointCount(0, w.length()) >= MIN_CONTEXT_WORD) {
      words.add(w);
    }
  }

  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
