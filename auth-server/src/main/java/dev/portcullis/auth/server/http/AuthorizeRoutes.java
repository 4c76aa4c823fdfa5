package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.Consent;
import dev.portcullis.auth.oauth.authorize.Consents;
import dev.portcullis.auth.oauth.authorize.UserInfo;
import dev.portcullis.auth.oauth.token.ServerMetadata;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON endpoints of the authorization code flow: {@code GET /auth/consents} and {@code DELETE
 * /auth/consents/{client_id}} (a user's consents, with the user's own first-party access token;
 * problem+json errors like the rest of {@code /auth}), {@code GET|POST /oauth2/userinfo} (OIDC Core
 * section 5.3; errors as RFC 6750 section 3 asks: 401 with a {@code Bearer} challenge for a missing
 * or invalid token, 403 {@code insufficient_scope}) and {@code GET
 * /.well-known/openid-configuration} under the issuer's path (OIDC Discovery). Mounted with {@link
 * OAuthRoutes} when OAuth is on.
 */
final class AuthorizeRoutes implements RouteGroup {
  private static final String REALM = "Bearer realm=\"portcullis\"";

  private final Consents consents;
  private final UserInfo userInfo;
  private final ServerMetadata metadata;
  private final byte[] openIdConfiguration;

  @Inject
  AuthorizeRoutes(Consents consents, UserInfo userInfo, ServerMetadata metadata) {
    this.consents = consents;
    this.userInfo = userInfo;
    this.metadata = metadata;
    this.openIdConfiguration = bytes(metadata.openIdConfiguration());
  }

  @Override
  public void mount(Routes r) {
    r.get("/auth/consents", this::listConsents);
    r.delete("/auth/consents/{client_id}", this::withdrawConsent);
    r.get(metadata.localPath(ServerMetadata.USERINFO_PATH), this::userInfo);
    r.post(metadata.localPath(ServerMetadata.USERINFO_PATH), this::userInfo);
    r.get(metadata.openIdConfigurationPath(), this::openIdConfiguration);
  }

  private void listConsents(Context ctx) {
    List<Consent> list = ok(consents.list(BearerAuth.token(ctx)));
    List<Map<String, Object>> body =
        list.stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("client_id", c.clientId());
                  m.put("scopes", List.copyOf(c.scopes()));
                  m.put("granted_at", c.grantedAt().toString());
                  return m;
                })
            .toList();
    ctx.header("Cache-Control", "no-store");
    ctx.status(200).contentType(OAuthErrors.JSON).result(bytes(Map.of("consents", body)));
  }

  private void withdrawConsent(Context ctx) {
    Consents.Withdrawal w =
        ok(consents.withdraw(BearerAuth.token(ctx), ctx.pathParam("client_id")));
    if (!w.changed()) {
      throw new ProblemException(new AuthError.NotFound("consent"));
    }
    ctx.status(204);
  }

  private void userInfo(Context ctx) {
    Result<Map<String, Object>> claims = userInfo.claims(BearerAuth.token(ctx));
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
    if (claims instanceof Result.Err<Map<String, Object>> err) {
      AuthError e = err.error();
      String code = e.oauthError();
      int status =
          switch (code) {
            case "insufficient_scope" -> 403;
            case "temporarily_unavailable", "server_error" -> 503;
            default -> 401;
          };
      if (status == 503) {
        ctx.status(503).contentType(OAuthErrors.JSON).result(bytes(Map.of("error", code)));
        return;
      }
      // RFC 6750 section 3.1: no error attribute when the request had no token at all.
      String challenge =
          BearerAuth.token(ctx) == null
              ? REALM
              : REALM
                  + ", error=\""
                  + (status == 403 ? "insufficient_scope" : "invalid_token")
                  + "\"";
      ctx.header("WWW-Authenticate", challenge);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", status == 403 ? "insufficient_scope" : "invalid_token");
      ctx.status(status).contentType(OAuthErrors.JSON).result(bytes(body));
      return;
    }
    ctx.status(200).contentType(OAuthErrors.JSON).result(bytes(claims.unwrap()));
  }

  private void openIdConfiguration(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.status(200).contentType(OAuthErrors.JSON).result(openIdConfiguration);
  }

  /** The value of an {@code Ok}; a 401 error answers with a Bearer challenge, others as usual. */
  private static <T> T ok(Result<T> result) {
    return result.fold(
        v -> v,
        e -> {
          throw e.httpStatus() == 401 ? BearerAuth.challenge(e, null) : new ProblemException(e);
        });
  }

  private static byte[] bytes(Object body) {
    try {
      return JsonBody.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON answer is always serialisable", e);
    }
  }
}
