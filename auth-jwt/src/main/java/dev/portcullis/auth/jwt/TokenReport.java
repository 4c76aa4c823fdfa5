package dev.portcullis.auth.jwt;

import dev.portcullis.auth.api.error.TokenFailure;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TokenInspector} found in a token: its decoded (unverified) header and claims, plain
 * facts, and every reason it fails against the current settings.
 *
 * @param valid whether the token passes verification right now
 * @param kind the profile whose rules judged the token: {@code access} (a user's), {@code client}
 *     (a client's own, without a user or session), {@code refresh}, {@code external} (a trusted
 *     issuer's) or {@code unknown} (not decoded far enough)
 * @param header the decoded header, empty when it cannot be decoded; never trusted
 * @param claims the decoded claims, empty when they cannot be decoded; never trusted
 * @param facts plain-word facts (who signed it, when it expires), in order
 * @param findings every failure found, first the one {@code verify} would report; empty when valid
 */
public record TokenReport(
    boolean valid,
    String kind,
    Map<String, Object> header,
    Map<String, Object> claims,
    List<String> facts,
    List<Finding> findings) {

  public TokenReport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(claims, "claims");
    facts = List.copyOf(facts);
    findings = List.copyOf(findings);
  }

  /**
   * One reason a token fails.
   *
   * @param failure the failure, with the code {@code verify} answers
   * @param explanation what exactly is wrong, in plain words
   */
  public record Finding(TokenFailure failure, String explanation) {
    public Finding {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(explanation, "explanation");
    }

    /** The failure's stable code, for example {@code token_expired}. */
    public String code() {
      return failure.code();
    }
  }

  /** The first failure, the one {@code TokenService.verify} answers with, if any. */
  public java.util.Optional<Finding> firstFinding() {
    return findings.stream().findFirst();
  }

  /** A multi-line explanation for people: verdict, facts, then each failure with its fix. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append(valid ? "PASSES" : "FAILS").append(" (").append(kind).append(" token)");
    for (String f : facts) {
      sb.append(System.lineSeparator()).append("  - ").append(f);
    }
    for (Finding f : findings) {
      sb.append(System.lineSeparator())
          .append("  x ")
          .append(f.code())
          .append(": ")
          .append(f.explanation())
          .append(" Fix: ")
          .append(f.failure().remedy());
    }
    return sb.toString();
  }
}
