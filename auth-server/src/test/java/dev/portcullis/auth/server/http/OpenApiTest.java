package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openapi.json} describes exactly the routes the server registers (read from the route
 * groups as mounted, every group on: OAuth with both browser flows, MFA), is a valid OpenAPI 3.1
 * document for a parser nobody on the team wrote, and is served at {@code GET /openapi.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class OpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "post", "delete", "put", "patch");

  @TempDir static Path dataDir;
  private PortcullisServer server;

  @BeforeAll
  void start() {
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.oauth.enabled = true",
                        "auth.mfa.enabled = true",
                        "auth.token.issuer = \"http://localhost:8080\"")))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build()
            .start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void everyRegisteredRoute_isDocumented_andEveryDocumentedOperationIsRegistered()
      throws Exception {
    Set<String> registered =
        new TreeSet<>(server.injector().getInstance(HttpApi.class).endpoints());
    Set<String> documented = documentedOperations();

    assertThat(registered).as("the route groups declared endpoints").hasSizeGreaterThan(30);
    assertThat(documented).as("documented but not registered").isSubsetOf(registered);
    assertThat(registered).as("registered but not documented").isSubsetOf(documented);
  }

  @Test
  void theDescription_isValidOpenApi31_forAnIndependentParser() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser()
            .readContents(
                new String(OpsRoutes.openApiDocument(), StandardCharsets.UTF_8), null, options);

    assertThat(result.getMessages()).as("parser messages").isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void everyOperation_hasAnIdResponsesAndDeclaredSecurity() throws Exception {
    JsonNode doc = JSON.readTree(OpsRoutes.openApiDocument());
    JsonNode schemes = doc.path("components").path("securitySchemes");
    Set<String> ids = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String where = op.getKey() + " " + path.getKey();
        assertThat(ids.add(op.getValue().path("operationId").asText())).as(where).isTrue();
        assertThat(op.getValue().path("responses").size()).as(where).isPositive();
        assertThat(op.getValue().has("security")).as(where + " says its security").isTrue();
        for (JsonNode requirement : op.getValue().path("security")) {
          requirement
              .fieldNames()
              .forEachRemaining(name -> assertThat(schemes.has(name)).as(where + name).isTrue());
        }
      }
    }
  }

  @Test
  void theDescription_isServedAtOpenApiJson() {
    Api.Res r = new Api(server.uri()).get("/openapi.json").send();

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(r.body()).isEqualTo(new String(OpsRoutes.openApiDocument(), StandardCharsets.UTF_8));
  }

  /** Every {@code METHOD path} of the document's paths. */
  private static Set<String> documentedOperations() throws Exception {
    JsonNode doc = JSON.readTree(OpsRoutes.openApiDocument());
    Set<String> out = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    return out;
  }
}
