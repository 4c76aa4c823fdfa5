package dev.portcullis.auth.oauth.authorize;

import java.util.Objects;

/**
 * What a page shows about a scope.
 *
 * @param name the scope token, e.g. {@code openid}
 * @param description plain words for the user (the scope name when none is configured)
 */
public record ScopeView(String name, String description) {
  public ScopeView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }
}
