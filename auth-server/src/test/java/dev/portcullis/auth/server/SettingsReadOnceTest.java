package dev.portcullis.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.KeyFiles;
import dev.portcullis.auth.server.internal.DevKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the server reads its settings once and each key file once: the key file through the
 * {@link KeyFiles} seam, counted here.
 */
final class SettingsReadOnceTest {

  @TempDir Path dataDir;
  @TempDir Path keys;

  /** Reads through the file system, counting each path. */
  static final class CountingKeyFiles implements KeyFiles {
    final Map<Path, Integer> reads = new ConcurrentHashMap<>();

    @Override
    public String read(Path file) throws IOException {
      reads.merge(file, 1, Integer::sum);
      return KeyFiles.system().read(file);
    }
  }

  @Test
  void startingTheServer_readsAConfiguredPemKeyFileExactlyOnce() throws Exception {
    Path pem =
        Files.writeString(
            keys.resolve("signing.pem"),
            DevKeys.pem(DevKeys.newKeyPair(JwsAlgorithm.ES256)),
            StandardCharsets.US_ASCII);
    CountingKeyFiles files = new CountingKeyFiles();

    try (PortcullisServer server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    "auth.token.algorithm = ES256\n"
                        + "auth.token.private-key-file = \""
                        + pem
                        + "\"\n"
                        + "auth.server.store = memory"))
            .dataDir(dataDir)
            .overrides(
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    OptionalBinder.newOptionalBinder(binder(), KeyFiles.class)
                        .setBinding()
                        .toInstance(files);
                  }
                })
            .build()
            .start()) {
      assertThat(files.reads).containsExactly(Map.entry(pem, 1));

      // Serving keys and tokens uses the keys loaded at start.
      server.injector().getInstance(TokenService.class);
      assertThat(server.injector().getInstance(Jwks.class).keys()).hasSize(1);
      HttpResponse<String> jwks =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.uri() + "/.well-known/jwks.json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(jwks.statusCode()).isEqualTo(200);
      assertThat(jwks.body()).contains("\"crv\":\"P-256\"");
      assertThat(files.reads).containsExactly(Map.entry(pem, 1));
    }
    assertThat(List.copyOf(files.reads.values())).containsExactly(1);
  }
}
