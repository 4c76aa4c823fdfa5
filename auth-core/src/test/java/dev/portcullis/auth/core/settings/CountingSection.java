package dev.portcullis.auth.core.settings;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A module's area for tests, registered in this module's test {@code META-INF/services}: it counts
 * how often it is read, and records a problem when {@code test.section.fail} is set.
 */
public final class CountingSection implements SettingsSection<CountingSection.Counted> {

  /** How many times any instance was read. */
  static final AtomicInteger READS = new AtomicInteger();

  /** The area's value: which read it was. */
  public record Counted(int read) {}

  @Override
  public Class<Counted> type() {
    return Counted.class;
  }

  @Override
  public Counted read(SettingsReader reader) {
    int n = READS.incrementAndGet();
    if (reader.config().hasPath("test.section.fail")) {
      reader.problem("test.section.fail", "is set.", "remove it");
    }
    return new Counted(n);
  }

  /**
   * When {@code test.section.check} is set, records what a check across areas sees: whether this
   * area and the core's were read, and the variable that {@code test.section.check} names.
   */
  @Override
  public void check(SettingsReader reader) {
    if (reader.config().hasPath("test.section.check")) {
      String variable = reader.config().getString("test.section.check");
      reader.problem(
          "test.section.check",
          "own area "
              + reader.area(Counted.class).isPresent()
              + ", core "
              + reader.area(AuthSettings.class).isPresent()
              + ", "
              + variable
              + " = "
              + reader.environmentValue(variable).orElse("(unset)")
              + ".",
          "remove it");
    }
  }
}
