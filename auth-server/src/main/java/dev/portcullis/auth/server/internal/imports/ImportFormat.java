package dev.portcullis.auth.server.internal.imports;

import dev.portcullis.auth.core.account.imports.UserSource;
import dev.portcullis.auth.core.account.imports.UserSources;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats {@code user import} reads, each opened as a streaming {@link UserSource}. */
public enum ImportFormat {
  /** A header row with {@code email}, {@code password_hash}, optionally {@code name}. */
  CSV,
  /** {@code manage.py dumpdata auth.user}: a JSON array of {@code auth.user} objects. */
  DJANGO,
  /** A Keycloak realm export (or a users file of one): {@code users[]} with credentials. */
  KEYCLOAK,
  /** Auth0's password-hash export: NDJSON, one user per line, {@code passwordHash} bcrypt. */
  AUTH0;

  /** The lower-case name used on the command line and in {@code ?format=}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code id} (any case), if any. */
  public static Optional<ImportFormat> of(String id) {
    return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id)).findFirst();
  }

  /** The ids, for messages: {@code csv, django, keycloak, auth0}. */
  public static String ids() {
    return Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", "));
  }

  /**
   * A source reading {@code in} (UTF-8) in this format; closing the source closes {@code in}.
   * Nothing is read before the first {@link UserSource#next()}.
   */
  public UserSource open(InputStream in) {
    return switch (this) {
      case CSV ->
          UserSources.csv(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      case DJANGO -> new DjangoUserSource(in);
      case KEYCLOAK -> new KeycloakUserSource(in);
      case AUTH0 -> new Auth0UserSource(in);
    };
  }
}
