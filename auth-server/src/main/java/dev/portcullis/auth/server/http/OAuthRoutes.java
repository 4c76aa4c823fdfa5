package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.oauth.device.DeviceAuthorization;
import dev.portcullis.auth.oauth.device.DeviceAuthorizationResponse;
import dev.portcullis.auth.oauth.token.Introspection;
import dev.portcullis.auth.oauth.token.ServerMetadata;
import dev.portcullis.auth.oauth.token.TokenEndpoint;
import dev.portcullis.auth.oauth.token.TokenIntrospection;
import dev.portcullis.auth.oauth.token.TokenRequest;
import dev.portcullis.auth.oauth.token.TokenResponse;
import dev.portcullis.auth.oauth.token.TokenRevocation;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The OAuth 2.1 authorization server's endpoints, under the issuer's path ({@link ServerMetadata}):
 * {@code POST /oauth2/token}, {@code POST /oauth2/revoke} (RFC 7009), {@code POST
 * /oauth2/introspect} (RFC 7662), {@code POST /oauth2/device_authorization} (RFC 8628) and {@code
 * GET /.well-known/oauth-authorization-server} (RFC 8414). Mounted only when {@code
 * auth.oauth.enabled = true} ({@link OAuthHttpModule}). Each handler reads the form ({@link
 * OAuthForm}), calls one use case of {@code auth-oauth} and writes its result; every error on these
 * paths, the router's and the container's included, is an RFC 6749 JSON error ({@link
 * OAuthErrors}).
 */
final class OAuthRoutes implements RouteGroup {
  private final TokenEndpoint tokenEndpoint;
  private final TokenRevocation revocation;
  private final TokenIntrospection introspection;
  private final ServerMetadata metadata;
  private final Provider<Jwks> jwks;
  private final byte[] metadataJson;
  private final DeviceAuthorization deviceAuthorization;

  @Inject
  OAuthRoutes(
      TokenEndpoint tokenEndpoint,
      TokenRevocation revocation,
      TokenIntrospection introspection,
      ServerMetadata metadata,
      Provider<Jwks> jwks,
      DeviceAuthorization deviceAuthorization) {
    this.deviceAuthorization = deviceAuthorization;
    this.tokenEndpoint = tokenEndpoint;
    this.revocation = revocation;
    this.introspection = introspection;
    this.metadata = metadata;
    this.jwks = jwks;
    this.metadataJson = bytes(metadata.document());
  }

  @Override
  public void mount(Routes r) {
    String oauth2 = metadata.localPath("/oauth2/");
    String metadataPath = metadata.metadataPath();
    r.errorsAs(
        path -> path.startsWith(oauth2) || path.equals(metadataPath),
        new OAuthErrors(metadata.issuer()));
    r.post(metadata.localPath(ServerMetadata.TOKEN_PATH), this::token);
    r.post(metadata.localPath(ServerMetadata.REVOCATION_PATH), this::revoke);
    r.post(metadata.localPath(ServerMetadata.INTROSPECTION_PATH), this::introspect);
    r.get(metadataPath, this::metadata);
    r.post(metadata.localPath(ServerMetadata.DEVICE_AUTHORIZATION_PATH), this::deviceAuthorization);
    String jwksPath = metadata.localPath(ServerMetadata.JWKS_PATH);
    if (!jwksPath.equals(ServerMetadata.JWKS_PATH)) {
      // An issuer with a path: jwks_uri is under it too; the root one stays (OpsRoutes).
      r.get(jwksPath, this::jwks);
    }
  }

  private void token(Context ctx) {
    OAuthForm form = OAuthForm.read(ctx);
    TokenResponse response =
        ok(tokenEndpoint.exchange(new TokenRequest(form.credentials(ctx), form.parameters())));
    json(ctx, response.document());
  }

  private void revoke(Context ctx) {
    OAuthForm form = OAuthForm.read(ctx);
    ok(revocation.revoke(form.credentials(ctx), form.get("token"), form.get("token_type_hint")));
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
    ctx.status(200); // RFC 7009 section 2.2: 200 with an empty body
  }

  private void introspect(Context ctx) {
    OAuthForm form = OAuthForm.read(ctx);
    Introspection answer =
        ok(
            introspection.introspect(
                form.credentials(ctx), form.get("token"), form.get("token_type_hint")));
    json(ctx, answer.document());
  }

  /** RFC 8628 section 3.1, 3.2: client authentication and errors as at the token endpoint. */
  private void deviceAuthorization(Context ctx) {
    OAuthForm form = OAuthForm.read(ctx);
    DeviceAuthorizationResponse response =
        ok(deviceAuthorization.authorize(form.credentials(ctx), form.parameters()));
    json(ctx, response.document());
  }

  private void metadata(Context ctx) {
    // Built once from the configured issuer: nothing of the request (Host, X-Forwarded-*) is read.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.status(200).contentType(OAuthErrors.JSON).result(metadataJson);
  }

  private void jwks(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.status(200).contentType("application/json").result(jwks.get().json());
  }

  /** The value of an {@code Ok}; an {@code Err} ends the request with its OAuth error. */
  private static <T> T ok(Result<T> result) {
    return result.fold(
        v -> v,
        e -> {
          throw new ProblemException(e);
        });
  }

  private static void json(Context ctx, Map<String, Object> body) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
    ctx.status(200).contentType(OAuthErrors.JSON).result(bytes(body));
  }

  private static byte[] bytes(Map<String, Object> body) {
    try {
      return JsonBody.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an OAuth answer is always serialisable", e);
    }
  }
}
