package dev.portcullis.auth.core.account.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.login.Identifiers;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-row CSV goes through a bounded window: at every finished row at most one row has been
 * taken from the source and not finished, and the file has been read no further than that row plus
 * the reader's buffers. Counting, not timing or heap guesses.
 */
final class StreamingImportTest {
  private static final int ROWS = 100_000;
  private static final long WINDOW_BYTES = 32 * 1024;

  @TempDir Path dir;

  @Test
  void hundredThousandRows_areReadAndWrittenOneAtATime() throws IOException {
    Path file = dir.resolve("users.csv");
    String header = "email,name,password_hash\n";
    int rowBytes;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(header);
      String first = row(0);
      rowBytes = first.getBytes(StandardCharsets.UTF_8).length;
      for (int i = 0; i < ROWS; i++) {
        out.write(row(i));
      }
    }
    CountingStore store = new CountingStore();
    UserImporter importer =
        new UserImporter(
            new Identifiers(320),
            store,
            PasswordHashers.create(HashingSettings.defaults()),
            new TestClock(Instant.parse("2026-03-01T10:00:00Z")),
            new AuthEvents(Set.of()));

    try (CountingInput in = new CountingInput(Files.newInputStream(file))) {
      CountingSource source =
          new CountingSource(
              UserSources.csv(
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
      long[] maxInFlight = {0};
      long[] maxAhead = {0};
      ImportReport report =
          importer.run(
              source,
              false,
              new ImportListener() {
                @Override
                public void rowDone(ImportCounts counts) {
                  maxInFlight[0] = Math.max(maxInFlight[0], source.taken - counts.rows());
                  long consumed = header.length() + counts.rows() * rowBytes;
                  maxAhead[0] = Math.max(maxAhead[0], in.count - consumed);
                }
              });

      assertThat(report.complete()).isTrue();
      assertThat(report.counts().created()).isEqualTo(ROWS);
      assertThat(store.created).isEqualTo(ROWS);
      assertThat(maxInFlight[0]).isLessThanOrEqualTo(0);
      assertThat(maxAhead[0]).isLessThanOrEqualTo(WINDOW_BYTES);
    }
  }

  /** Fixed-width rows, so the bytes of n rows are n times one row. */
  private static String row(int i) {
    return String.format("user%06d@example.com,User %06d,%s%n", i, i, UserImporterTest.BCRYPT_HASH)
        .replace(System.lineSeparator(), "\n");
  }

  /** Counts the entries the importer took. */
  private static final class CountingSource implements UserSource {
    private final UserSource delegate;
    long taken;

    CountingSource(UserSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<ImportRow> next() {
      Optional<ImportRow> row = delegate.next();
      if (row.isPresent()) {
        taken++;
      }
      return row;
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static final class CountingInput extends FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Keeps no user: the import's memory is the importer's and the reader's alone. */
  private static final class CountingStore implements UserStore {
    long created;

    @Override
    public Result<User> create(NewUser user) {
      created++;
      return Result.ok(user.toUser());
    }

    @Override
    public Optional<StoredUser> findById(String userId) {
      return Optional.empty();
    }

    @Override
    public Optional<StoredUser> findByIdentifier(String identifier) {
      return Optional.empty();
    }

    @Override
    public boolean setPassword(String userId, long expected, String hash, Instant at) {
      return false;
    }

    @Override
    public boolean markEmailVerified(String userId) {
      return false;
    }

    @Override
    public boolean replaceHash(String userId, String expectedHash, String newHash) {
      return false;
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
      return false;
    }

    @Override
    public boolean setRoles(String userId, Set<String> roles) {
      return false;
    }

    @Override
    public List<User> list(int offset, int limit) {
      return List.of();
    }
  }
}
