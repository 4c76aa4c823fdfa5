package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.model.Principal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Principal} of a token that passed every check: the registered claims, the id it
 * is revoked under, the string roles, and every other claim (frozen, so nobody can change it
 * afterwards) except those Portcullis sets itself ({@link TokenMinter#RESERVED_CLAIMS}). Stateless.
 */
final class Principals {

  private Principals() {}

  static Principal of(ClaimReader.Registered c, String tokenId, Map<String, Object> claims) {
    return new Principal(
        c.sub(),
        c.sid(),
        c.iss(),
        c.aud() == null ? List.of() : c.aud(),
        roles(claims.get("roles")),
        tokenId,
        c.iat(),
        c.exp(),
        extraClaims(claims));
  }

  private static Set<String> roles(Object value) {
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          roles.add(s);
        }
      }
    }
    return roles;
  }

  private static Map<String, Object> extraClaims(Map<String, Object> claims) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : claims.entrySet()) {
      if (!TokenMinter.RESERVED_CLAIMS.contains(e.getKey()) && e.getValue() != null) {
        extra.put(e.getKey(), Json.freeze(e.getValue()));
      }
    }
    return extra;
  }
}
