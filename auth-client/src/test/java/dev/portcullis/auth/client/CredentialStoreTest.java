package dev.portcullis.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CredentialStoreTest {
  private static final CredentialKey KEY =
      new CredentialKey(URI.create("https://auth.example.com"), "my-cli");
  private static final StoredCredentials CREDENTIALS =
      new StoredCredentials(
          "access-secret", Instant.parse("2026-01-01T01:00:00Z"), "refresh-secret", Set.of("read"));

  @TempDir Path dir;

  @Test
  void fileStore_aNewInstanceReadsWhatAnotherWrote() {
    CredentialStore.file(dir.resolve("credentials")).save(KEY, CREDENTIALS);

    assertThat(CredentialStore.file(dir.resolve("credentials")).load(KEY)).contains(CREDENTIALS);
    assertThat(
            CredentialStore.file(dir.resolve("credentials"))
                .load(new CredentialKey(KEY.issuer(), "other")))
        .isEmpty();
  }

  @Test
  void fileStore_isOwnerOnly_namedByAHash_andLeavesNoTemporaryFile() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path credentials = dir.resolve("credentials");
    CredentialStore store = CredentialStore.file(credentials);

    store.save(KEY, CREDENTIALS);
    store.save(KEY, CREDENTIALS.withoutRefreshToken());

    List<Path> files = list(credentials);
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).matches("[0-9a-f]{64}\\.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
        .isEqualTo("rwx------");
    assertThat(store.load(KEY).orElseThrow().refreshToken()).isNull();
  }

  @Test
  void fileStore_delete_removesTheFile() throws Exception {
    CredentialStore store = CredentialStore.file(dir);
    store.save(KEY, CREDENTIALS);

    store.delete(KEY);
    store.delete(KEY);

    assertThat(list(dir)).isEmpty();
    assertThat(store.load(KEY)).isEmpty();
  }

  @Test
  void fileStore_aDamagedFile_holdsNothing() throws Exception {
    CredentialStore store = CredentialStore.file(dir);
    store.save(KEY, CREDENTIALS);
    Files.writeString(list(dir).get(0), "{\"issuer\": broken");

    assertThat(store.load(KEY)).isEmpty();
  }

  @Test
  void noStore_keepsNothing_andInMemory_keepsPerKey() {
    CredentialStore.none().save(KEY, CREDENTIALS);
    assertThat(CredentialStore.none().load(KEY)).isEmpty();

    CredentialStore memory = CredentialStore.inMemory();
    memory.save(KEY, CREDENTIALS);
    assertThat(memory.load(KEY)).contains(CREDENTIALS);
    assertThat(memory.load(new CredentialKey(KEY.issuer(), "other"))).isEmpty();
  }

  @Test
  void toString_neverShowsAToken() {
    Tokens tokens =
        new Tokens(
            "access-secret", "Bearer", Instant.EPOCH, "refresh-secret", "id-secret", Set.of());

    assertThat(CREDENTIALS.toString() + tokens + CredentialStore.file(dir) + KEY)
        .doesNotContain("secret");
    assertThat(ClientResult.success(tokens).toString()).doesNotContain("secret");
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
