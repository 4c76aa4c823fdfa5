package dev.portcullis.auth.benchmarks.report;

import java.util.Locale;

/** Number formatting for the report: times with a unit that fits, rates with separators. */
final class Format {

  private Format() {}

  /** A time in nanoseconds as ns, µs, ms or s, three significant figures. */
  static String time(double nanos) {
    if (Double.isNaN(nanos)) {
      return "n/a";
    }
    if (nanos < 1e3) {
      return sig(nanos) + " ns";
    } else if (nanos < 1e6) {
      return sig(nanos / 1e3) + " µs";
    } else if (nanos < 1e9) {
      return sig(nanos / 1e6) + " ms";
    }
    return sig(nanos / 1e9) + " s";
  }

  /** JMH's error of a result, as "± x (y%)", or "no error estimate". */
  static String error(JmhResult r) {
    if (Double.isNaN(r.errorNanos())) {
      return "no error estimate";
    }
    return "± " + time(r.errorNanos()) + ", " + percent(r.errorNanos() / r.nanosPerOp());
  }

  /** A rate, with thousands separators and no decimals above 100. */
  static String ops(double perSecond) {
    if (perSecond >= 100) {
      return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
    return String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /** A fraction as a percentage. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** A ratio with two decimals. */
  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String sig(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    } else if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
