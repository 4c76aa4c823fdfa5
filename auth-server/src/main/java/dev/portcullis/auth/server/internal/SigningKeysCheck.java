package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyFiles;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Doctor: where the keys come from, which one signs, which is published next, which still verify,
 * and RSA strength.
 */
final class SigningKeysCheck implements Doctor.Check {
  private final JwtSettings jwt;
  private final boolean strict;

  /**
   * @param strict staging or production: an RSA key under 3072 bits is worth a warning there, not
   *     for the 2048-bit development key
   */
  SigningKeysCheck(JwtSettings jwt, boolean strict) {
    this.jwt = jwt;
    this.strict = strict;
  }

  @Override
  public List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    if (jwt.verifyOnly()) {
      out.add(
          new Finding(
              Level.OK,
              "keys",
              "verify-only: keys come from "
                  + jwt.remote().map(r -> r.url().toString()).orElse("?"),
              null));
      return out;
    }
    // The doctor loads the keys itself, once: it runs without an injector.
    KeyRing ring;
    try {
      ring = jwt.signingKeys().load(KeyFiles.system());
    } catch (ConfigurationException e) {
      for (ConfigProblem p : e.problems()) {
        out.add(
            new Finding(
                Level.FAIL,
                p.key() + p.env().map(v -> " (env " + v + ")").orElse(""),
                p.problem(),
                p.fix()));
      }
      return out;
    }
    JwtKey active = ring.active();
    out.add(
        new Finding(
            Level.OK,
            "keys",
            "signing with " + describe(active) + ", key id " + active.keyId(),
            null));
    for (JwtKey k : ring.upcoming()) {
      out.add(
          new Finding(
              Level.INFO,
              "keys",
              "next key "
                  + k.keyId()
                  + " ("
                  + describe(k)
                  + ") is published and verifies, never signs: promote it (auth.token.next-key.*"
                  + " becomes auth.token.private-key-file, the current key previous-key.*) once"
                  + " every resource server's JWKS cache has expired since it was added",
              null));
    }
    for (JwtKey k : ring.passive()) {
      out.add(
          new Finding(
              Level.INFO,
              "keys",
              "previous key "
                  + k.keyId()
                  + " verifies until "
                  + k.retireAt().map(Instant::toString).orElse("?"),
              null));
    }
    if (strict
        && active.verificationKey() instanceof RSAKey rsa
        && rsa.getModulus().bitLength() < 3072) {
      out.add(
          new Finding(
              Level.WARN,
              "auth.token.private-key-file",
              "holds a "
                  + rsa.getModulus().bitLength()
                  + "-bit RSA key; NIST deprecates keys under"
                  + " 3072 bits after 2030.",
              "generate a stronger one: keys generate --algorithm "
                  + active.algorithm().jwaName()));
    }
    return out;
  }

  private static String describe(JwtKey key) {
    String alg = key.algorithm().jwaName();
    if (key.symmetric()) {
      return alg + " shared secret";
    }
    if (key.verificationKey() instanceof RSAKey rsa) {
      return alg + " (" + rsa.getModulus().bitLength() + "-bit RSA)";
    }
    return alg + (key.algorithm().curve() != null ? " (" + key.algorithm().curve() + ")" : "");
  }
}
