package dev.portcullis.auth.api.error;

/**
 * Thrown for {@code service_unavailable}, and by store adapters that cannot answer (database down,
 * pool exhausted): callers fail closed.
 */
public class ServiceUnavailableException extends AuthException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(AuthError.ServiceUnavailable error) {
    super(error);
  }

  public ServiceUnavailableException(AuthError.ServiceUnavailable error, Throwable cause) {
    super(error, cause);
  }
}
