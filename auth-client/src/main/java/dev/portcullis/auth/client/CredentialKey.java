package dev.portcullis.auth.client;

import java.net.URI;
import java.util.Objects;

/** Which credentials: those of one client at one issuer. */
public record CredentialKey(URI issuer, String clientId) {
  public CredentialKey {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
  }
}
