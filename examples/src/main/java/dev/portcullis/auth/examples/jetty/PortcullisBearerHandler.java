package dev.portcullis.auth.examples.jetty;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 handler that lets a request through to the handler it wraps only with a valid
 * Portcullis access token ({@code Authorization: Bearer <token>}), and leaves the verified {@link
 * Principal} in the request attribute {@link #PRINCIPAL}. Any other request gets the error of the
 * token, as JSON with its code and remedy, its HTTP status and an RFC 6750 challenge. Thread-safe.
 */
public final class PortcullisBearerHandler extends Handler.Wrapper {

  /** The request attribute that holds the verified {@link Principal}. */
  public static final String PRINCIPAL = Principal.class.getName();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TokenService tokens;

  public PortcullisBearerHandler(TokenService tokens, Handler protectedHandler) {
    super(protectedHandler);
    this.tokens = tokens;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // RFC 6750 3.1: no error code when the request carried no token at all.
      return refuse(response, callback, AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND), "Bearer");
    }
    Result<Principal> verified = tokens.verify(header.substring(7).strip());
    if (verified instanceof Result.Err<Principal> refused) {
      return refuse(response, callback, refused.error(), "Bearer error=\"invalid_token\"");
    }
    request.setAttribute(PRINCIPAL, verified.unwrap());
    return super.handle(request, response, callback);
  }

  private static boolean refuse(
      Response response, Callback callback, AuthError error, String challenge) throws Exception {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("message", error.message());
    body.put("remedy", error.remedy());
    response.setStatus(error.httpStatus());
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    Content.Sink.write(response, true, JSON.writeValueAsString(body), callback);
    return true;
  }
}
