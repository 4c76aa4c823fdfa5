package dev.portcullis.auth.client.interop;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user at a browser, scripted over HTTP: the JDK HttpClient with a cookie jar that follows
 * redirects and submits each page's form, filling the fields it is given ({@code login}, {@code
 * password}, {@code user_code}; a named button such as {@code abort} is clicked when given) and
 * keeping the form's hidden fields (CSRF tokens, prompts), until a page without a form. Enough for
 * node-oidc-provider's devInteractions and device pages, which are plain HTML forms. One instance
 * per user (one cookie jar).
 */
final class ScriptedBrowser {
  private static final int MAX_PAGES = 12;
  private static final Pattern FORM =
      Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern INPUT =
      Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BUTTON =
      Pattern.compile("<button\\b([^>]*)>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*\"([^\"]*)\"", Pattern.DOTALL);

  /** The pages seen, for a failure message: method, URI and status of each. */
  private final List<String> trail = new ArrayList<>();

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * Opens {@code start} and submits every form on the way with {@code fields}; returns the last
   * response (the first page without a form, or whatever the last redirect led to).
   */
  HttpResponse<String> walk(URI start, Map<String, String> fields) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(start).GET());
    for (int page = 0; page < MAX_PAGES; page++) {
      Optional<Form> form = firstForm(response.body());
      if (form.isEmpty()) {
        return response;
      }
      Map<String, String> values = new LinkedHashMap<>(form.get().inputs());
      fields.forEach(values::replace);
      // A named submit button given in fields is the one clicked (e.g. "abort").
      boolean clicked = false;
      Matcher button = BUTTON.matcher(response.body());
      while (button.find()) {
        String name = attributes(button.group(1)).get("name");
        if (name != null && fields.containsKey(name)) {
          values.put(name, fields.get(name));
          clicked = true;
        }
      }
      URI action = response.uri().resolve(form.get().action());
      response =
          send(
              HttpRequest.newBuilder(action)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(urlEncode(values))));
      if (clicked) {
        return response; // the user stops at what the button led to
      }
    }
    throw new AssertionError(
        "more than "
            + MAX_PAGES
            + " forms in a row: "
            + trail
            + "; the last page says: "
            + response
                .body()
                .replaceAll("(?s)<style.*?</style>|<[^>]+>", " ")
                .replaceAll("\\s+", " "));
  }

  /** The pages this browser went through: {@code METHOD uri -> status} each. */
  List<String> trail() {
    return List.copyOf(trail);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      trail.add(
          response.request().method() + " " + response.uri() + " -> " + response.statusCode());
      return response;
    } catch (IOException e) {
      throw new AssertionError("the scripted browser failed after " + trail, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Form(String action, Map<String, String> inputs) {}

  private static Optional<Form> firstForm(String html) {
    Matcher form = FORM.matcher(html);
    if (!form.find()) {
      return Optional.empty();
    }
    Map<String, String> attributes = attributes(form.group(1));
    Map<String, String> inputs = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(form.group(2));
    while (input.find()) {
      Map<String, String> a = attributes(input.group(1));
      if (a.containsKey("name")) {
        inputs.put(a.get("name"), a.getOrDefault("value", ""));
      }
    }
    return Optional.of(new Form(attributes.getOrDefault("action", ""), inputs));
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(tag);
    while (m.find()) {
      attributes.put(m.group(1).toLowerCase(java.util.Locale.ROOT), unescape(m.group(2)));
    }
    return attributes;
  }

  private static String unescape(String value) {
    return value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String urlEncode(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
