package dev.portcullis.auth.server.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.account.imports.ImportRow;
import dev.portcullis.auth.core.account.imports.UserSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The JSON readers stream: over 20,000 generated users (some 6 MB; the 100,000-row case is
 * StreamingImportTest in auth-core) (never held as a whole, not even by the test), the input has
 * been read no further than the current user plus the parser's buffer.
 */
final class JsonSourcesStreamingTest {
  private static final int USERS = 20_000;
  private static final long WINDOW_BYTES = 16 * 1024;

  private static final String CREDENTIAL =
      "\"credentials\":[{\"type\":\"password\",\"secretData\":\"{\\\"value\\\":"
          + "\\\"Wbf+fER7VCj7uktT5hvsyW4yWAHrC1QjICIT7Jhsnl8=\\\",\\\"salt\\\":"
          + "\\\"AAECAwQFBgcICQoLDA0ODw==\\\"}\",\"credentialData\":\"{\\\"hashIterations\\\":"
          + "27500,\\\"algorithm\\\":\\\"pbkdf2-sha256\\\"}\"}]";

  @Test
  void keycloak_twentyThousandUsers_readOneAtATime() {
    String head = "{\"realm\":\"big\",\"users\":[";
    Generated in =
        new Generated(
            head,
            i ->
                (i == 0 ? "" : ",")
                    + String.format(
                        "{\"username\":\"u%06d\",\"email\":\"u%06d@example.com\",%s}",
                        i, i, CREDENTIAL),
            "],\"clients\":[]}");
    assertWindow(ImportFormat.KEYCLOAK.open(in), in, head.length());
  }

  @Test
  void django_twentyThousandUsers_readOneAtATime() {
    Generated in =
        new Generated(
            "[",
            i ->
                (i == 0 ? "" : ",")
                    + String.format(
                        "{\"model\":\"auth.user\",\"pk\":1%06d,\"fields\":{\"email\":"
                            + "\"u%06d@example.com\",\"password\":\"pbkdf2_sha256$1000$s$%s\"}}",
                        i, i, "oevS0Z6oRIAx6Zy2y2bVPnZ4SOahhjwZ27TRyieJGE4="),
            "]");
    assertWindow(ImportFormat.DJANGO.open(in), in, 1);
  }

  @Test
  void auth0_twentyThousandLines_readOneAtATime() {
    Generated in =
        new Generated(
            "",
            i ->
                String.format(
                        "{\"email\":\"u%06d@example.com\",\"passwordHash\":\"%s\"}%n",
                        i, "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm")
                    .replace(System.lineSeparator(), "\n"),
            "");
    assertWindow(ImportFormat.AUTH0.open(in), in, 0);
  }

  private static void assertWindow(UserSource source, Generated in, int headBytes) {
    long rows = 0;
    long maxAhead = 0;
    try (source) {
      Optional<ImportRow> row;
      while ((row = source.next()).isPresent()) {
        assertThat(row.get()).isInstanceOf(ImportRow.Candidate.class);
        rows++;
        long consumed = headBytes + rows * in.itemBytes;
        maxAhead = Math.max(maxAhead, in.produced - consumed);
      }
    }
    assertThat(rows).isEqualTo(USERS);
    assertThat(maxAhead).isLessThanOrEqualTo(WINDOW_BYTES);
  }

  /** head, USERS items made on demand, tail; counts the bytes handed out. */
  private static final class Generated extends InputStream {
    private final IntFunction<String> item;
    private final byte[] tail;
    private byte[] current;
    private int position;
    private int next;
    private boolean tailGiven;
    long produced;
    final long itemBytes;

    Generated(String head, IntFunction<String> item, String tail) {
      this.item = item;
      this.tail = tail.getBytes(StandardCharsets.UTF_8);
      this.current = head.getBytes(StandardCharsets.UTF_8);
      // Items after the first are all as long as the second.
      this.itemBytes = item.apply(1).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      while (position == current.length) {
        if (next < USERS) {
          current = item.apply(next++).getBytes(StandardCharsets.UTF_8);
        } else if (!tailGiven) {
          current = tail;
          tailGiven = true;
        } else {
          return -1;
        }
        position = 0;
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      produced += n;
      return n;
    }
  }
}
