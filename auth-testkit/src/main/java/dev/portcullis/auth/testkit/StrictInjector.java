package dev.portcullis.auth.testkit;

import com.google.inject.Binder;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the strictest injector Guice offers, the one production wiring must survive: {@link
 * Stage#PRODUCTION} (every singleton created at once), {@link Binder#requireExplicitBindings()} (no
 * just-in-time bindings), {@link Binder#disableCircularProxies()} and {@link
 * Binder#requireAtInjectOnConstructors()}. A module that only works with just-in-time bindings is
 * not finished; this is where a test finds out.
 */
public final class StrictInjector {

  private StrictInjector() {}

  /** The options, as a module to install next to others. */
  public static Module options() {
    return StrictInjector::strict;
  }

  /**
   * A strict injector of {@code modules}.
   *
   * @throws CreationException naming every binding that is missing or wrong
   */
  public static Injector of(Module... modules) {
    return of(List.of(modules));
  }

  /**
   * A strict injector of {@code modules}.
   *
   * @throws CreationException naming every binding that is missing or wrong
   */
  public static Injector of(Iterable<? extends Module> modules) {
    List<Module> all = new ArrayList<>();
    all.add(options());
    for (Module m : modules) {
      all.add(Objects.requireNonNull(m, "module"));
    }
    return Guice.createInjector(Stage.PRODUCTION, all);
  }

  private static void strict(Binder binder) {
    binder.requireExplicitBindings();
    binder.disableCircularProxies();
    binder.requireAtInjectOnConstructors();
  }
}
