package dev.portcullis.auth.testkit.sample;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small service with one protected operation, as an application would write it: it knows only the
 * {@link TokenService} port, not how tokens are made or stored.
 */
@Singleton
public final class NotesService {

  /** The role {@link #read} requires. */
  public static final String READ_ROLE = "notes:read";

  private final TokenService tokens;
  private final Map<String, List<String>> notes = new ConcurrentHashMap<>();

  @Inject
  public NotesService(TokenService tokens) {
    this.tokens = tokens;
  }

  /** Adds a note for a user. */
  public void add(String userId, String note) {
    notes.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(note);
  }

  /**
   * The notes of the token's user. Errors: {@code access_token_not_found} without a token, every
   * {@code token_*} code of {@link TokenService#verify}, and {@code not_found} when the token lacks
   * {@link #READ_ROLE} (the notes are hidden rather than forbidden: Portcullis has no "forbidden"
   * error).
   */
  public Result<List<String>> read(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      return Result.err(AuthError.of(ErrorKind.ACCESS_TOKEN_NOT_FOUND));
    }
    return tokens.verify(bearerToken).flatMap(this::notesOf);
  }

  private Result<List<String>> notesOf(Principal principal) {
    if (!principal.hasRole(READ_ROLE)) {
      return Result.err(new AuthError.NotFound("notes"));
    }
    return Result.ok(List.copyOf(notes.getOrDefault(principal.subject(), List.of())));
  }
}
