package dev.portcullis.auth.testkit.assertj;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares decoded JSON values: numbers by value, whatever Java type the decoder chose. */
final class Claims {

  private Claims() {}

  static boolean sameJson(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())) == 0;
    }
    if (actual instanceof List<?> a && expected instanceof List<?> e) {
      if (a.size() != e.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameJson(a.get(i), e.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (actual instanceof Map<?, ?> a && expected instanceof Map<?, ?> e) {
      if (!a.keySet().equals(e.keySet())) {
        return false;
      }
      for (Object k : a.keySet()) {
        if (!sameJson(a.get(k), e.get(k))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(actual, expected);
  }
}
