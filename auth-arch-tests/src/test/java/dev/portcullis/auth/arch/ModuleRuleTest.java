package dev.portcullis.auth.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the README's module table ("Modules"), checked on the compiled main
 * classes of every module: arrows point one way (adapters to the core, the server outermost), the
 * API needs only the JDK, the core stays free of adapter technology, adapters do not know each
 * other, {@code internal} packages stay inside their module, and the server's HTTP layer calls use
 * cases, never store ports.
 *
 * <p>No rule may pass vacuously: ArchUnit fails a rule whose {@code that()} selects no class (its
 * default, not relaxed here), and {@link #every_package_a_rule_names_holds_classes} fails when a
 * package a rule names, on either side, holds no class (a rename would otherwise leave a rule
 * checking nothing).
 */
final class ModuleRuleTest {

  /** The main classes of every module (test classes excluded), imported once. */
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.portcullis.auth");
  }

  private static final String API = "dev.portcullis.auth.api..";
  private static final String CORE = "dev.portcullis.auth.core..";
  private static final String JWT = "dev.portcullis.auth.jwt..";
  private static final String MEMORY = "dev.portcullis.auth.store.memory..";
  private static final String JDBC = "dev.portcullis.auth.store.jdbc..";
  private static final String REDIS = "dev.portcullis.auth.store.redis..";
  private static final String OAUTH = "dev.portcullis.auth.oauth..";
  private static final String CLIENT = "dev.portcullis.auth.client..";
  private static final String TESTKIT = "dev.portcullis.auth.testkit..";
  private static final String SERVER = "dev.portcullis.auth.server..";
  private static final String SERVER_HTTP = "dev.portcullis.auth.server.http..";
  private static final String STORE_PORTS = "dev.portcullis.auth.api.store..";

  /** The module roots whose {@code internal} packages must stay inside them. */
  private static final String[] MODULES_WITH_INTERNALS = {
    "dev.portcullis.auth.core",
    "dev.portcullis.auth.jwt",
    "dev.portcullis.auth.store.memory",
    "dev.portcullis.auth.store.jdbc",
    "dev.portcullis.auth.store.redis",
    "dev.portcullis.auth.oauth",
    "dev.portcullis.auth.client",
    "dev.portcullis.auth.server"
  };

  /** Technology that belongs to adapters, never to the API or the core. */
  private static final String[] ADAPTER_TECHNOLOGY = {
    "io.jsonwebtoken..",
    "com.github.benmanes.caffeine..",
    "java.sql..",
    "javax.sql..",
    "com.zaxxer.hikari..",
    "org.flywaydb..",
    "org.h2..",
    "org.postgresql..",
    "java.net.http..",
    "com.sun.net.httpserver..",
    "io.javalin..",
    "org.eclipse.jetty..",
    "redis..",
    "io.lettuce..",
    "com.fasterxml.jackson.."
  };

  private static final ArchRule API_DEPENDS_ONLY_ON_THE_JDK =
      classes()
          .that()
          .resideInAPackage(API)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(API, "java..")
          .because("auth-api is the contract and must not drag any dependency into users' builds");

  private static final ArchRule CORE_USES_NO_ADAPTER_TECHNOLOGY =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTER_TECHNOLOGY)
          .because("auth-core must stay free of jjwt, Caffeine, JDBC and HTTP (README, Modules)");

  private static final ArchRule CORE_KNOWS_NO_ADAPTER =
      noClasses()
          .that()
          .resideInAnyPackage(API, CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, MEMORY, JDBC, TESTKIT, SERVER)
          .because("arrows point from adapters to the core, never back");

  private static final ArchRule JWT_KNOWS_NO_STORE_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(JWT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(MEMORY, JDBC, REDIS, TESTKIT, SERVER)
          .because("adapters depend on ports, not on each other");

  private static final ArchRule MEMORY_STORE_KNOWS_NO_OTHER_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(MEMORY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, JDBC, REDIS, TESTKIT, SERVER)
          .because("adapters depend on ports, not on each other");

  private static final ArchRule JDBC_STORE_KNOWS_NO_OTHER_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(JDBC)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, MEMORY, REDIS, TESTKIT, SERVER)
          .because("adapters depend on ports, not on each other");

  private static final ArchRule REDIS_STORE_KNOWS_NO_OTHER_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(REDIS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, MEMORY, JDBC, OAUTH, TESTKIT, SERVER)
          .because("adapters depend on ports, not on each other");

  private static final ArchRule REDIS_INTERNALS_STAY_IN_REDIS =
      internalsStayIn("dev.portcullis.auth.store.redis");

  private static final ArchRule OAUTH_DEPENDS_ON_API_CORE_AND_JWT_ONLY =
      noClasses()
          .that()
          .resideInAPackage(OAUTH)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(MEMORY, JDBC, REDIS, TESTKIT, SERVER)
          .because(
              "auth-oauth is a library of use cases over the ports (auth-api), the core and"
                  + " auth-jwt's signing; the store is the user's choice and the server is outermost");

  private static final ArchRule NOTHING_BELOW_THE_SERVER_DEPENDS_ON_OAUTH =
      noClasses()
          .that()
          .resideInAnyPackage(API, CORE, JWT, MEMORY, JDBC)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(OAUTH)
          .because("auth-oauth builds on the ports, the core and auth-jwt, never the other way");

  private static final ArchRule OAUTH_INTERNALS_STAY_IN_OAUTH =
      internalsStayIn("dev.portcullis.auth.oauth");

  private static final ArchRule CORE_INTERNALS_STAY_IN_CORE =
      internalsStayIn("dev.portcullis.auth.core");

  private static final ArchRule JWT_INTERNALS_STAY_IN_JWT =
      internalsStayIn("dev.portcullis.auth.jwt");

  private static final ArchRule MEMORY_INTERNALS_STAY_IN_MEMORY =
      internalsStayIn("dev.portcullis.auth.store.memory");

  private static final ArchRule SERVER_INTERNALS_STAY_IN_SERVER =
      internalsStayIn("dev.portcullis.auth.server");

  private static final ArchRule NOTHING_DEPENDS_ON_THE_SERVER =
      noClasses()
          .that()
          .resideOutsideOfPackage(SERVER)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SERVER)
          .because("auth-server is the outermost application; libraries never depend on it");

  private static final ArchRule JDBC_INTERNALS_STAY_IN_JDBC =
      internalsStayIn("dev.portcullis.auth.store.jdbc");

  private static final ArchRule HTTP_CALLS_NO_STORE_PORT =
      noClasses()
          .that()
          .resideInAPackage(SERVER_HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(STORE_PORTS)
          .because(
              "the HTTP layer reads requests and calls use cases (core services, TokenService);"
                  + " what to do with the stores is the use cases' job");

  @Test
  void api_depends_only_on_the_jdk() {
    API_DEPENDS_ONLY_ON_THE_JDK.check(classes);
  }

  @Test
  void core_uses_no_adapter_technology() {
    CORE_USES_NO_ADAPTER_TECHNOLOGY.check(classes);
  }

  @Test
  void core_knows_no_adapter() {
    CORE_KNOWS_NO_ADAPTER.check(classes);
  }

  @Test
  void jwt_knows_no_store_adapter() {
    JWT_KNOWS_NO_STORE_ADAPTER.check(classes);
  }

  @Test
  void memory_store_knows_no_other_adapter() {
    MEMORY_STORE_KNOWS_NO_OTHER_ADAPTER.check(classes);
  }

  @Test
  void jdbc_store_knows_no_other_adapter() {
    JDBC_STORE_KNOWS_NO_OTHER_ADAPTER.check(classes);
  }

  @Test
  void redis_store_knows_no_other_adapter() {
    REDIS_STORE_KNOWS_NO_OTHER_ADAPTER.check(classes);
  }

  @Test
  void redis_internals_stay_in_redis() {
    REDIS_INTERNALS_STAY_IN_REDIS.check(classes);
  }

  @Test
  void oauth_depends_on_api_core_and_jwt_only() {
    OAUTH_DEPENDS_ON_API_CORE_AND_JWT_ONLY.check(classes);
  }

  @Test
  void nothing_below_the_server_depends_on_oauth() {
    NOTHING_BELOW_THE_SERVER_DEPENDS_ON_OAUTH.check(classes);
  }

  @Test
  void oauth_internals_stay_in_oauth() {
    OAUTH_INTERNALS_STAY_IN_OAUTH.check(classes);
  }

  @Test
  void core_internals_stay_in_core() {
    CORE_INTERNALS_STAY_IN_CORE.check(classes);
  }

  @Test
  void jwt_internals_stay_in_jwt() {
    JWT_INTERNALS_STAY_IN_JWT.check(classes);
  }

  @Test
  void memory_internals_stay_in_memory() {
    MEMORY_INTERNALS_STAY_IN_MEMORY.check(classes);
  }

  @Test
  void server_internals_stay_in_server() {
    SERVER_INTERNALS_STAY_IN_SERVER.check(classes);
  }

  @Test
  void nothing_depends_on_the_server() {
    NOTHING_DEPENDS_ON_THE_SERVER.check(classes);
  }

  @Test
  void jdbc_internals_stay_in_jdbc() {
    JDBC_INTERNALS_STAY_IN_JDBC.check(classes);
  }

  @Test
  void http_calls_no_store_port() {
    HTTP_CALLS_NO_STORE_PORT.check(classes);
  }

  @Test
  void every_package_a_rule_names_holds_classes() {
    List<String> named =
        new ArrayList<>(
            List.of(
                API,
                CORE,
                JWT,
                MEMORY,
                JDBC,
                REDIS,
                OAUTH,
                CLIENT,
                TESTKIT,
                SERVER,
                SERVER_HTTP,
                STORE_PORTS));
    for (String root : MODULES_WITH_INTERNALS) {
      named.add(root + "..internal..");
    }
    for (String pkg : named) {
      assertThat(classes.that(JavaClass.Predicates.resideInAPackage(pkg)))
          .as("classes in %s, a package a rule names (renamed?)", pkg)
          .isNotEmpty();
    }
  }

  /** auth-client is taken alone by services that talk to any OAuth server (docs/client.md). */
  private static final ArchRule CLIENT_DEPENDS_ON_THE_JDK_AND_JACKSON_CORE_ONLY =
      classes()
          .that()
          .resideInAPackage(CLIENT)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              CLIENT,
              "java..",
              "javax..",
              "com.sun.net.httpserver..",
              "com.fasterxml.jackson.core..")
          .because(
              "auth-client is used alone, against any authorization server: no other Portcullis"
                  + " module and no library but jackson-core");

  private static final ArchRule CLIENT_INTERNALS_STAY_IN_CLIENT =
      internalsStayIn("dev.portcullis.auth.client");

  @Test
  void client_depends_on_the_jdk_and_jackson_core_only() {
    CLIENT_DEPENDS_ON_THE_JDK_AND_JACKSON_CORE_ONLY.check(classes);
  }

  @Test
  void client_internals_stay_in_client() {
    CLIENT_INTERNALS_STAY_IN_CLIENT.check(classes);
  }

  private static ArchRule internalsStayIn(String moduleRoot) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(moduleRoot + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(moduleRoot + "..internal..")
        .because("classes in internal packages are not part of a module's contract");
  }
}
