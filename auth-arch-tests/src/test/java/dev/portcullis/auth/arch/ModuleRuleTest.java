package dev.portcullis.auth.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rule of DESIGN.md, checked on the compiled main classes of every module: arrows point
 * one way, the API needs only the JDK, the core stays free of adapter technology, adapters do not
 * know each other, and {@code internal} packages stay inside their module.
 */
@AnalyzeClasses(packages = "dev.portcullis.auth", importOptions = ImportOption.DoNotIncludeTests.class)
final class ModuleRuleTest {

  private static final String API = "dev.portcullis.auth.api..";
  private static final String CORE = "dev.portcullis.auth.core..";
  private static final String JWT = "dev.portcullis.auth.jwt..";
  private static final String MEMORY = "dev.portcullis.auth.store.memory..";
  private static final String JDBC = "dev.portcullis.auth.store.jdbc..";
  private static final String TESTKIT = "dev.portcullis.auth.testkit..";

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

  @ArchTest
  static final ArchRule api_depends_only_on_the_jdk =
      classes()
          .that()
          .resideInAPackage(API)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(API, "java..")
          .because("auth-api is the contract and must not drag any dependency into users' builds");

  @ArchTest
  static final ArchRule core_uses_no_adapter_technology =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTER_TECHNOLOGY)
          .because("auth-core must stay free of jjwt, Caffeine, JDBC and HTTP (DESIGN.md)");

  @ArchTest
  static final ArchRule core_knows_no_adapter =
      noClasses()
          .that()
          .resideInAnyPackage(API, CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, MEMORY, JDBC, TESTKIT)
          .because("arrows point from adapters to the core, never back");

  @ArchTest
  static final ArchRule jwt_knows_no_store_adapter =
      noClasses()
          .that()
          .resideInAPackage(JWT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(MEMORY, JDBC, TESTKIT)
          .because("adapters depend on ports, not on each other");

  @ArchTest
  static final ArchRule memory_store_knows_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage(MEMORY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, JDBC, TESTKIT)
          .because("adapters depend on ports, not on each other");

  @ArchTest
  static final ArchRule jdbc_store_knows_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage(JDBC)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JWT, MEMORY, TESTKIT)
          .because("adapters depend on ports, not on each other");

  @ArchTest
  static final ArchRule core_internals_stay_in_core = internalsStayIn("dev.portcullis.auth.core");

  @ArchTest
  static final ArchRule jwt_internals_stay_in_jwt = internalsStayIn("dev.portcullis.auth.jwt");

  @ArchTest
  static final ArchRule memory_internals_stay_in_memory =
      internalsStayIn("dev.portcullis.auth.store.memory");

  @ArchTest
  static final ArchRule jdbc_internals_stay_in_jdbc =
      internalsStayIn("dev.portcullis.auth.store.jdbc");

  private static ArchRule internalsStayIn(String moduleRoot) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(moduleRoot + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(moduleRoot + "..internal..")
        .because("classes in internal packages are not part of a module's contract")
        .allowEmptyShould(true);
  }
}
