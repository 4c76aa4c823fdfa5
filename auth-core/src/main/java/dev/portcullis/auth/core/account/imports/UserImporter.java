package dev.portcullis.auth.core.account.imports;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.Emails;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.login.Identifiers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates accounts from a {@link UserSource} with their existing password hashes. The hasher must
 * {@linkplain PasswordHasher#supports support} each hash; the user logs in with the old password
 * and the login rehashes it to the configured algorithm.
 *
 * <ul>
 *   <li><b>One row at a time.</b> A row is read, checked and written before the next is read, so an
 *       import needs the memory of one row and the report's first {@value #MAX_REPORTED_REFUSALS}
 *       refusals, whatever the file's size.
 *   <li><b>Per row, not all-or-nothing.</b> Each account is created on its own. If the file turns
 *       out malformed halfway, or the store stops answering, the import stops there: the rows
 *       before stay imported, and the report says where and why.
 *   <li><b>Idempotent.</b> A row whose identifier already has an account is skipped (never
 *       updated), so an import can be run again after fixing the file.
 *   <li><b>Dry run</b> reads and checks every row, and looks existing accounts up, but writes
 *       nothing. Two rows of one file with the same address both count as created in a dry run (the
 *       second is skipped in a real one).
 * </ul>
 *
 * Imported accounts have no roles; those disabled at the source are disabled. Each created account
 * publishes {@link AuthEvent.Registered} with the client address {@code "import"}. Reports and
 * listeners never see a hash. Thread-safe (one import per call).
 */
public final class UserImporter {
  /** Most refusals an {@link ImportReport} lists; a listener sees all of them. */
  public static final int MAX_REPORTED_REFUSALS = 1000;

  /** Longest display name accepted, as elsewhere in account administration. */
  static final int MAX_NAME_LENGTH = 200;

  private static final String CLIENT_ADDRESS = "import";

  private final Identifiers identifiers;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final java.time.Clock clock;
  private final AuthEvents events;

  /**
   * @param hasher decides which hashes can be imported: the one logins verify with
   */
  public UserImporter(
      Identifiers identifiers,
      UserStore users,
      PasswordHasher hasher,
      java.time.Clock clock,
      AuthEvents events) {
    this.identifiers = Objects.requireNonNull(identifiers);
    this.users = Objects.requireNonNull(users);
    this.hasher = Objects.requireNonNull(hasher);
    this.clock = Objects.requireNonNull(clock);
    this.events = Objects.requireNonNull(events);
  }

  /**
   * Imports every row of {@code source}, then closes it.
   *
   * @param dryRun check and report, write nothing
   * @param listener follows the progress
   * @return the report; {@link ImportReport#failure()} says if it stopped early
   */
  public ImportReport run(UserSource source, boolean dryRun, ImportListener listener) {
    Objects.requireNonNull(listener, "listener");
    ImportCounts counts = ImportCounts.NONE;
    List<Refusal> refusals = new ArrayList<>();
    try (source) {
      while (true) {
        Optional<ImportRow> next;
        try {
          next = source.next();
        } catch (MalformedImportException e) {
          return stopped(dryRun, counts, refusals, e.row(), "malformed_file", e.getMessage());
        }
        if (next.isEmpty()) {
          return new ImportReport(dryRun, counts, refusals, Optional.empty());
        }
        ImportRow row = next.get();
        Outcome outcome;
        if (row instanceof ImportRow.Refused refused) {
          outcome = Outcome.refused(refused.refusal());
        } else {
          ImportedUser user = ((ImportRow.Candidate) row).user();
          Result<Outcome> done = Result.catching(() -> importOne(user, dryRun));
          if (done.isErr()) {
            AuthError error = done.failure().orElseThrow();
            return stopped(
                dryRun,
                counts,
                refusals,
                user.row(),
                error.code(),
                "The store failed at row "
                    + user.row()
                    + " ("
                    + error.message()
                    + "); rows before it are imported. Fix the store and run the import again:"
                    + " imported users are skipped.");
          }
          outcome = done.unwrap();
        }
        if (outcome.refusal != null) {
          counts = counts.plusRefused();
          if (refusals.size() < MAX_REPORTED_REFUSALS) {
            refusals.add(outcome.refusal);
          }
          listener.refused(outcome.refusal);
        } else if (outcome.created) {
          counts = counts.plusCreated();
        } else {
          counts = counts.plusSkipped();
        }
        listener.rowDone(counts);
      }
    }
  }

  private Result<Outcome> importOne(ImportedUser user, boolean dryRun) {
    long row = user.row();
    String email = user.email() == null ? null : user.email().strip();
    if (email == null || email.isEmpty()) {
      return refuse(row, null, RefusalReason.MISSING_EMAIL, "the row has no e-mail address");
    }
    if (!Emails.plausible(email)) {
      return refuse(row, email, RefusalReason.INVALID_EMAIL, "it is not an e-mail address");
    }
    Result<String> normalized = identifiers.normalize(email);
    if (normalized.isErr()) {
      return refuse(
          row, email, RefusalReason.INVALID_EMAIL, normalized.failure().orElseThrow().message());
    }
    String identifier = normalized.unwrap();
    String name = user.name() == null || user.name().isBlank() ? null : user.name().strip();
    if (name != null
        && (name.length() > MAX_NAME_LENGTH
            || name.codePoints().anyMatch(Character::isISOControl))) {
      return refuse(
          row,
          identifier,
          RefusalReason.INVALID_NAME,
          "the name is longer than " + MAX_NAME_LENGTH + " characters or has control characters");
    }
    String hash = user.passwordHash();
    if (hash == null || hash.isEmpty()) {
      return refuse(row, identifier, RefusalReason.NO_PASSWORD, "the row has no password hash");
    }
    if (!hasher.supports(hash)) {
      return refuse(row, identifier, RefusalReason.UNSUPPORTED_HASH, unsupported(hash));
    }
    if (users.findByIdentifier(identifier).isPresent()) {
      return Result.ok(Outcome.SKIPPED);
    }
    if (dryRun) {
      return Result.ok(Outcome.CREATED);
    }
    Instant now = clock.instant();
    Result<User> created =
        users.create(
            new NewUser(
                UUID.randomUUID().toString(),
                identifier,
                identifier,
                name,
                hash,
                Set.of(),
                now,
                user.emailVerified()));
    if (created.isErr()) {
      AuthError error = created.failure().orElseThrow();
      // Created by someone else since the look-up (another import, a registration).
      return error.kind() == ErrorKind.IDENTIFIER_TAKEN
          ? Result.ok(Outcome.SKIPPED)
          : Result.err(error);
    }
    User account = created.unwrap();
    if (!user.enabled()) {
      users.setEnabled(account.id(), false);
    }
    events.publish(
        new AuthEvent.Registered(now, account.id(), account.identifier(), CLIENT_ADDRESS));
    return Result.ok(Outcome.CREATED);
  }

  /** The hasher's own message, which names only the scheme prefix. */
  private String unsupported(String hash) {
    try {
      hasher.needsRehash(hash);
      return "the hasher cannot verify this hash";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Result<Outcome> refuse(
      long row, String identifier, RefusalReason reason, String detail) {
    return Result.ok(Outcome.refused(new Refusal(row, identifier, reason, detail)));
  }

  private static ImportReport stopped(
      boolean dryRun,
      ImportCounts counts,
      List<Refusal> refusals,
      long row,
      String code,
      String message) {
    return new ImportReport(
        dryRun, counts, refusals, Optional.of(new ImportReport.Failure(row, code, message)));
  }

  private static final class Outcome {
    static final Outcome CREATED = new Outcome(true, null);
    static final Outcome SKIPPED = new Outcome(false, null);

    final boolean created;
    final Refusal refusal;

    private Outcome(boolean created, Refusal refusal) {
      this.created = created;
      this.refusal = refusal;
    }

    static Outcome refused(Refusal refusal) {
      return new Outcome(false, refusal);
    }
  }
}
