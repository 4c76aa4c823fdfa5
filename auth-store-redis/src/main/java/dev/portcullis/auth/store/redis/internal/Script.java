package dev.portcullis.auth.store.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script, run by its SHA-1 ({@code EVALSHA}) and loaded again when the server answers
 * {@code NOSCRIPT} (a restart, a fail-over, {@code SCRIPT FLUSH}). Every script touches only the
 * keys it is given, all of one hash tag, so it runs in one cluster slot.
 *
 * @param name the resource name, for messages
 * @param source the Lua source
 * @param sha the SHA-1 of the source, lower-case hex
 */
record Script(String name, String source, String sha) {

  /**
   * The script in resource {@code name}.lua beside this class, after {@code prelude}.lua if any,
   * declared as writing (a Redis 7 shebang without flags): when Redis is over {@code maxmemory} it
   * refuses the whole script with {@code OOM} before it runs, rather than letting a script that has
   * written once go on writing.
   */
  static Script load(String prelude, String name) {
    return of("#!lua\n", prelude, name);
  }

  /** A script that only reads: allowed on a Redis over {@code maxmemory}. */
  static Script readOnly(String prelude, String name) {
    return of("#!lua flags=no-writes\n", prelude, name);
  }

  private static Script of(String shebang, String prelude, String name) {
    String source = shebang + (prelude == null ? "" : read(prelude) + "\n") + read(name);
    return new Script(name, source, sha1(source));
  }

  static Script load(String name) {
    return load(null, name);
  }

  private static String read(String name) {
    try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String source) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }
}
