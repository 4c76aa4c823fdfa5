package dev.portcullis.auth.core.hash.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pieces of the PHC string format ({@code
 * $id[$v=version][$param=value(,param=value)*][$salt[$hash]]},
 * https://github.com/P-H-C/phc-string-format): the parameter list, decimal numbers, the pepper
 * marker.
 */
final class Phc {
  /** The parameter that marks a peppered hash; its value is {@link Passwords#pepperId}. */
  static final String PEPPER_PARAMETER = "pepper";

  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");
  private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9/+.-]+");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,9}");

  private Phc() {}

  /**
   * Parses {@code m=19456,t=2,p=1} into an ordered map.
   *
   * @param allowed the parameter names accepted; any other is a defect
   */
  static Map<String, String> parameters(String text, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new MalformedHashException("a parameter has no value");
      }
      String name = pair.substring(0, equals);
      String value = pair.substring(equals + 1);
      if (!NAME.matcher(name).matches() || !VALUE.matcher(value).matches()) {
        throw new MalformedHashException("a parameter is not of the form name=value");
      }
      if (!allowed.contains(name)) {
        throw new MalformedHashException("it has a parameter this scheme does not define");
      }
      if (out.put(name, value) != null) {
        throw new MalformedHashException("a parameter is repeated");
      }
    }
    return out;
  }

  /** The named parameter as a decimal number. */
  static long number(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new MalformedHashException("parameter " + name + " is missing");
    }
    return decimal(value, "parameter " + name);
  }

  /** A decimal number without sign or leading zeros, at most ten digits. */
  static long decimal(String text, String what) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new MalformedHashException(what + " is not a decimal number");
    }
    return Long.parseLong(text);
  }

  /** The pepper id of a parameter map, or {@code null}. */
  static String pepperId(Map<String, String> parameters) {
    return parameters.get(PEPPER_PARAMETER);
  }

  /** {@code ,pepper=<id>} or nothing. */
  static String pepperSuffix(String pepperId) {
    return pepperId == null ? "" : "," + PEPPER_PARAMETER + "=" + pepperId;
  }
}
