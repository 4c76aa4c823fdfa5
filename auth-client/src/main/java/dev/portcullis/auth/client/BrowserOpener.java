package dev.portcullis.auth.client;

import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;

/** Shows the user the authorization URL of a browser login. */
@FunctionalInterface
public interface BrowserOpener {

  /** Opens {@code authorizationUri} (or tells the user to). */
  void open(URI authorizationUri) throws IOException;

  /**
   * Opens the system browser with {@link Desktop} when the platform supports it, else (headless, no
   * browser registered, no {@code java.desktop} module) prints the URL on standard error.
   */
  static BrowserOpener system() {
    return uri -> {
      try {
        if (!java.awt.GraphicsEnvironment.isHeadless()
            && Desktop.isDesktopSupported()
            && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
          Desktop.getDesktop().browse(uri);
          return;
        }
      } catch (IOException | RuntimeException | LinkageError e) {
        // No browser registered, or a runtime without java.desktop: the user opens it by hand.
      }
      printing(System.err).open(uri);
    };
  }

  /** Prints the URL with an instruction on {@code out}. */
  static BrowserOpener printing(PrintStream out) {
    return uri -> {
      out.println("Open this URL in a browser to log in:");
      out.println(uri);
      out.flush();
    };
  }
}
